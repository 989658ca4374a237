import { redirect } from "@remix-run/node";
import { ideaPath } from "~/lib/paths";

/** The id in "/ideas/42-faster-checkout"; anything else is a 404. */
export function ideaIdFrom(param: string | undefined) {
  const match = /^(\d{1,15})(?:-|$)/.exec(param ?? "");
  if (!match) throw new Response("Not Found", { status: 404 });
  return Number(match[1]);
}

/** A wrong or missing slug redirects to the idea's canonical URL, keeping the query and hash. */
export function redirectToCanonical(request: Request, idea: { id: number; title: string }, suffix = "") {
  const url = new URL(request.url);
  const canonical = ideaPath(idea) + suffix;
  if (url.pathname !== canonical) throw redirect(canonical + url.search, 301);
}
