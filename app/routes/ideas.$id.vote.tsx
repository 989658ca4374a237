import { data, redirect, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { getIdea } from "~/domain/ideas.server";
import { setVote } from "~/domain/votes.server";
import { challengePath } from "~/lib/paths";
import { participationRefused, participationRefusal, requireUser } from "~/web/guards.server";
import { ideaIdFrom } from "~/web/params";
import { safeRedirect } from "~/web/redirects";
import { badRequest, refusalResponse } from "~/web/responses.server";
import { readForm } from "~/web/form-body.server";

const voteSchema = z.object({
  wanted: z.enum(["true", "false"]).transform((value) => value === "true"),
  redirectTo: z.string().optional(),
  enhanced: z.literal("1").optional(),
});

/**
 * Vote or take a vote back. A visitor is sent to log in and returns to the page they voted
 * from. Without JavaScript the answer is a redirect back; with it, the new count. A vote a
 * challenge refuses (outside its voting window, past the budget) answers 409 with the reason;
 * without JavaScript, the challenge's page says why.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const ideaId = ideaIdFrom(params.id);
  const parsed = voteSchema.safeParse(Object.fromEntries(await readForm({ request, context })));
  if (!parsed.success) throw badRequest();
  // Not allowed to take part: the button says why in place; without JavaScript, the error page.
  const refusal = participationRefusal(user);
  if (refusal === "unverified" && parsed.data.enhanced) return data({ refused: refusal }, { status: 403 });
  if (refusal) throw participationRefused(user, refusal);
  const result = await setVote(ideaId, user.id, parsed.data.wanted);
  if (!result.ok) {
    if (result.reason === "notFound") throw refusalResponse(result.reason);
    if (parsed.data.enhanced) return data({ refused: result.reason }, { status: 409 });
    const idea = await getIdea(ideaId, null);
    const page = idea?.challenge ? challengePath(idea.challenge) : `/ideas/${ideaId}`;
    throw redirect(`${page}?${new URLSearchParams({ refused: result.reason })}`);
  }
  if (parsed.data.enhanced) return result.value;
  throw redirect(safeRedirect(parsed.data.redirectTo, `/ideas/${ideaId}`));
}

export function loader({ params }: ActionFunctionArgs) {
  throw redirect(`/ideas/${params.id}`);
}
