import { data, redirect } from "@remix-run/node";
import type { Role } from "#db/schema";
import { hasRole } from "~/domain/roles";
import { safeRedirect } from "~/web/redirects";
import { forbidden } from "~/web/responses.server";
import { getOptionalUser, type SessionUser } from "~/web/session.server";

/** Where to come back after logging in: the page the visitor was on. */
export function loginRedirect(request: Request) {
  const url = new URL(request.url);
  // A form POST returns to the page that holds the form, not to the action's data URL.
  const back = request.method === "GET" ? url.pathname + url.search : (safeRedirect(request.headers.get("Referer")) ?? url.pathname);
  return `/login?${new URLSearchParams({ redirectTo: back })}`;
}

/**
 * Why this person may not post, vote or comment, or null when they may: blocked by an admin,
 * or their address is not confirmed yet.
 */
export function participationRefusal(user: Pick<SessionUser, "blockedReason" | "emailVerified">) {
  if (user.blockedReason !== null) return "blocked" as const;
  if (!user.emailVerified) return "unverified" as const;
  return null;
}

/** The 403 for someone who may not take part; the error page says why (and offers to resend the link). */
export function participationRefused(user: SessionUser, reason: "blocked" | "unverified") {
  const body = reason === "blocked" ? { blockedReason: user.blockedReason ?? "" } : { unverifiedEmail: user.email };
  return data(body, { status: 403, statusText: "Forbidden" });
}

/**
 * The one gate for loaders and actions. A visitor is sent to log in and returns here; a
 * signed-in person without the role gets 403; with `participate`, so does a blocked person or
 * one whose address is not confirmed, and the error page tells them why.
 */
export async function requireUser(request: Request, options: { role?: Role; participate?: boolean } = {}) {
  const user = await getOptionalUser(request);
  if (!user) throw redirect(loginRedirect(request));
  if (options.role && !hasRole(user, options.role)) throw forbidden();
  const refusal = options.participate ? participationRefusal(user) : null;
  if (refusal) throw participationRefused(user, refusal);
  return user;
}
