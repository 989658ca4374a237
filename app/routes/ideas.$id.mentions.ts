import type { LoaderFunctionArgs } from "@remix-run/node";
import { suggestMentions } from "~/domain/mentions.server";
import { requireUser } from "~/web/guards.server";
import { ideaIdFrom } from "~/web/params";
import { refusalResponse } from "~/web/responses.server";

/**
 * GET /ideas/:id/mentions?q=… — the people the comment editor offers after "@": names, titles
 * and whether they are on the team, never an address. Only someone who may comment on the idea
 * asks (a visitor is sent to log in; a blocked or unconfirmed person gets 403; a hidden idea is
 * not found but for staff). Private: the answer depends on who asks.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { participate: true });
  const ideaId = ideaIdFrom(params.id);
  const suggested = await suggestMentions({ ideaId, viewer: user, query: new URL(request.url).searchParams.get("q") ?? "" });
  if (!suggested.ok) throw refusalResponse(suggested.reason);
  return Response.json({ people: suggested.value }, { headers: { "Cache-Control": "private, no-store" } });
}
