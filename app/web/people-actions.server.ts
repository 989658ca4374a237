import { data } from "@remix-run/node";
import { z } from "zod";
import { ROLES } from "#db/schema";
import { setBlocked } from "~/domain/moderation.server";
import { changeRole } from "~/domain/people.server";
import { removePhoto } from "~/domain/photos.server";
import type { SessionUser } from "~/web/session.server";
import { badRequest, refusalResponse } from "~/web/responses.server";
import { endAllSessions } from "~/web/session.server";

const reasonField = z.string().trim().min(3, "errors.field.tooShort:3").max(300, "errors.field.tooLong:300");

/** What an admin does to a person, from the people directory or the person's page. */
const peopleActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("role"), personId: z.string().min(1).max(64), role: z.enum(ROLES) }),
  z.object({ intent: z.literal("block"), personId: z.string().min(1).max(64), reason: reasonField }),
  z.object({ intent: z.literal("unblock"), personId: z.string().min(1).max(64) }),
  z.object({ intent: z.literal("remove-photo"), personId: z.string().min(1).max(64) }),
]);

/**
 * Runs one admin action on a person (the caller has checked the admin role) and answers what
 * the page shows: `{ done, personId }`, or `{ error, personId }` with a translated key and a 400
 * for a rule that said no (the last admin, a staff member to block, one's own role).
 */
export async function runPeopleAction(admin: SessionUser, formData: FormData) {
  const parsed = peopleActionSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (issue?.path[0] === "reason") return data({ error: issue.message, personId: String(formData.get("personId") ?? "") }, { status: 400 });
    throw badRequest();
  }
  const input = parsed.data;
  const done =
    input.intent === "role"
      ? await changeRole({ personId: input.personId, role: input.role, actorId: admin.id })
      : input.intent === "remove-photo"
        ? await removePhoto({ personId: input.personId, actorId: admin.id })
        : await setBlocked({ personId: input.personId, adminId: admin.id, reason: input.intent === "block" ? input.reason : null });
  if (!done.ok) {
    if (done.reason === "notFound") throw refusalResponse(done.reason);
    return data({ error: `errors.people.${done.reason}`, personId: input.personId }, { status: 400 });
  }
  // New rights, new sessions: the person signs in again under their new role.
  if (input.intent === "role") await endAllSessions(input.personId);
  return { done: input.intent, personId: input.personId };
}
