import type { LoaderFunctionArgs } from "@remix-run/node";
import { findSimilarIdeas } from "~/domain/search.server";
import { limitRate } from "~/web/throttle.server";

/** GET /ideas/similar?title=… — the hint shown while someone types a new idea's title. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const title = (new URL(request.url).searchParams.get("title") ?? "").slice(0, 200);
  if (title.trim().length < 3) return Response.json({ ideas: [] });
  await limitRate({ context }, "similar");
  return Response.json({ ideas: await findSimilarIdeas(title) });
}
