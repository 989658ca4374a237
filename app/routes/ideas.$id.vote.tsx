import { data, redirect, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { getChallengeById } from "~/domain/challenges.server";
import { challengePath } from "~/lib/paths";
import { setVote } from "~/domain/votes.server";
import { requireUser, safeRedirect } from "~/lib/auth.server";

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
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { participate: true });
  const ideaId = Number.parseInt(params.id ?? "", 10);
  const parsed = voteSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success || !Number.isSafeInteger(ideaId)) throw new Response("Bad Request", { status: 400 });
  const result = setVote(ideaId, user.id, parsed.data.wanted);
  if (!result) throw new Response("Not Found", { status: 404 });
  if ("refused" in result) {
    if (parsed.data.enhanced) return data({ refused: result.refused }, { status: 409 });
    const challenge = getChallengeById(result.challengeId);
    throw redirect(`${challenge ? challengePath(challenge) : `/ideas/${ideaId}`}?${new URLSearchParams({ refused: result.refused })}`);
  }
  if (parsed.data.enhanced) return result;
  throw redirect(safeRedirect(parsed.data.redirectTo, `/ideas/${ideaId}`));
}

export function loader({ params }: ActionFunctionArgs) {
  throw redirect(`/ideas/${params.id}`);
}
