import type { LoaderFunctionArgs } from "@remix-run/node";
import { findSimilarIdeas } from "~/domain/search.server";

/** GET /ideas/similar?title=… — the hint shown while someone types a new idea's title. */
export async function loader({ request }: LoaderFunctionArgs) {
  const title = (new URL(request.url).searchParams.get("title") ?? "").slice(0, 200);
  return Response.json({ ideas: title.trim().length >= 3 ? await findSimilarIdeas(title) : [] });
}
