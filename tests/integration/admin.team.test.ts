import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { invitations } from "#db/tables";
import { findUsableInvitation } from "~/domain/invitations.server";
import { findPersonByEmail, getPerson } from "~/domain/people.server";
import { db } from "~/lib/db.server";
import { action as teamAction, loader as teamLoader } from "~/routes/admin.team";
import { lucia } from "~/web/session.server";
import { rows } from "#tests/support/db";
import { args, call, ensureSite, makePerson, makeRequest, sessionCookieFor } from "#tests/support/fixtures";
import { emailsTo, lastEmailTo, tokenIn } from "#tests/support/mail";

beforeAll(ensureSite);

const post = async (cookie: string | undefined, form: Record<string, string>) => call(() => teamAction(args(makeRequest("/admin/team", { cookie, form }))));

describe("who may manage the team", () => {
  it.each(["customer", "staff"] as const)("/admin/team is refused to %s, page and actions", async (role) => {
    const cookie = await sessionCookieFor((await makePerson(role)).id);
    expect(((await call(() => teamLoader(args(makeRequest("/admin/team", { cookie }))))) as Response).status).toBe(403);
    const forms: Record<string, string>[] = [
      { intent: "invite", email: "sneaky@example.com" },
      { intent: "change-role", personId: "x", role: "admin" },
      { intent: "revoke", invitationId: "1" },
      { intent: "resend", invitationId: "1" },
    ];
    for (const form of forms) expect(((await post(cookie, form)) as Response).status).toBe(403);
    expect(await findPersonByEmail("sneaky@example.com")).toBeNull();
  });

  it("sends a visitor posting to /admin/team to log in", async () => {
    const response = (await post(undefined, { intent: "invite", email: "a@b.co" })) as Response;
    expect(response.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
  });
});

describe("changing roles", () => {
  it("ends every session of a person whose role changes", async () => {
    const admin = await makePerson("admin");
    const staff = await makePerson("staff");
    await sessionCookieFor(staff.id);
    await post(await sessionCookieFor(admin.id), { intent: "change-role", personId: staff.id, role: "customer" });
    expect((await getPerson(staff.id))?.role).toBe("customer");
    expect(await lucia.getUserSessions(staff.id)).toHaveLength(0);
  });

  it("does not let an admin change their own role", async () => {
    const admin = await makePerson("admin");
    const response = (await post(await sessionCookieFor(admin.id), { intent: "change-role", personId: admin.id, role: "customer" })) as unknown as {
      data: { error: string };
      init: { status: number };
    };
    expect(response.init.status).toBe(400);
    expect(response.data.error).toBe("errors.team.ownRole");
    expect((await getPerson(admin.id))?.role).toBe("admin");
  });
});

describe("inviting staff", () => {
  it("emails the link in the site's language and shows it to the admin too, storing only the token's hash", async () => {
    const admin = await makePerson("admin", { displayName: "Ada Admin" });
    const result = (await post(await sessionCookieFor(admin.id), { intent: "invite", email: "Newcomer@Example.com" })) as { link: string; email: string };
    const token = result.link.split("/invitations/")[1]!;
    expect(result.email).toBe("newcomer@example.com");
    expect(await db.select().from(invitations).where(eq(invitations.tokenHash, token))).toEqual([]);
    const email = await lastEmailTo("newcomer@example.com");
    // The test site's default language is English (tests/support/fixtures.ts).
    expect(email.subject).toBe("Ada Admin invites you to the team of Test portal");
    expect(tokenIn(email, "invitations")).toBe(token);
    expect(email.text).toContain(result.link);
  });

  it("sends a pending invitation again with a new link (the old one stops working), and revokes it", async () => {
    const admin = await makePerson("admin");
    const cookie = await sessionCookieFor(admin.id);
    const first = (await post(cookie, { intent: "invite", email: "twice@example.com" })) as { link: string };
    const [pending] = await rows<{ id: number }>(sql`select id from invitations where email = 'twice@example.com'`);
    const again = (await post(cookie, { intent: "resend", invitationId: String(pending!.id) })) as { intent: string; link: string };
    expect(again.intent).toBe("resend");
    expect(again.link).not.toBe(first.link);
    expect(await emailsTo("twice@example.com")).toHaveLength(2);
    expect(tokenIn(await lastEmailTo("twice@example.com"), "invitations")).toBe(again.link.split("/invitations/")[1]);
    expect(await findUsableInvitation(first.link.split("/invitations/")[1]!)).toBeNull();
    expect(await findUsableInvitation(again.link.split("/invitations/")[1]!)).toMatchObject({ id: pending!.id });
    expect(await rows(sql`select action from audit_log where target_type = 'invitation' and target_id = ${String(pending!.id)} order by id`)).toEqual([
      { action: "invitation.create" },
      { action: "invitation.resend" },
    ]);

    await post(cookie, { intent: "revoke", invitationId: String(pending!.id) });
    expect(await findUsableInvitation(again.link.split("/invitations/")[1]!)).toBeNull();
    // A revoked invitation is not sent again.
    expect(((await post(cookie, { intent: "resend", invitationId: String(pending!.id) })) as Response).status).toBe(404);
    expect(await emailsTo("twice@example.com")).toHaveLength(2);
  });

  it("refuses to invite someone already on the team", async () => {
    const admin = await makePerson("admin");
    const colleague = await makePerson("staff");
    const result = (await post(await sessionCookieFor(admin.id), { intent: "invite", email: colleague.email })) as unknown as {
      data: { result: { error: Record<string, string[]> } };
    };
    expect(result.data.result.error.email).toEqual(["errors.team.alreadyStaff"]);
  });
});
