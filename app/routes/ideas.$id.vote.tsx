import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { setVote } from "~/domain/votes.server";
import { requireUser, safeRedirect } from "~/lib/auth.server";

const voteSchema = z.object({
  wanted: z.enum(["true", "false"]).transform((value) => value === "true"),
  redirectTo: z.string().optional(),
  enhanced: z.literal("1").optional(),
});

/**
 * Vote or take a vote back. A visitor is sent to log in and returns to the page they voted
 * from. Without JavaScript the answer is a redirect back; with it, the new count.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { participate: true });
  const ideaId = Number.parseInt(params.id ?? "", 10);
  const parsed = voteSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success || !Number.isSafeInteger(ideaId)) throw new Response("Bad Request", { status: 400 });
  const result = setVote(ideaId, user.id, parsed.data.wanted);
  if (!result) throw new Response("Not Found", { status: 404 });
  if (parsed.data.enhanced) return result;
  throw redirect(safeRedirect(parsed.data.redirectTo, `/ideas/${ideaId}`));
}

export function loader({ params }: ActionFunctionArgs) {
  throw redirect(`/ideas/${params.id}`);
}
