import { data, redirect } from "@remix-run/node";
import type { Role } from "#db/schema";
import { hasRole } from "~/domain/roles";
import { safeRedirect } from "~/web/redirects";
import { forbidden } from "~/web/responses.server";
import { getOptionalUser } from "~/web/session.server";

/** Where to come back after logging in: the page the visitor was on. */
export function loginRedirect(request: Request) {
  const url = new URL(request.url);
  // A form POST returns to the page that holds the form, not to the action's data URL.
  const back = request.method === "GET" ? url.pathname + url.search : (safeRedirect(request.headers.get("Referer")) ?? url.pathname);
  return `/login?${new URLSearchParams({ redirectTo: back })}`;
}

/**
 * The one gate for loaders and actions. A visitor is sent to log in and returns here; a
 * signed-in person without the role gets 403; with `participate`, so does a blocked person,
 * and the error page tells them why.
 */
export async function requireUser(request: Request, options: { role?: Role; participate?: boolean } = {}) {
  const user = await getOptionalUser(request);
  if (!user) throw redirect(loginRedirect(request));
  if (options.role && !hasRole(user, options.role)) throw forbidden();
  if (options.participate && user.blockedReason !== null) {
    throw data({ blockedReason: user.blockedReason }, { status: 403, statusText: "Forbidden" });
  }
  return user;
}
