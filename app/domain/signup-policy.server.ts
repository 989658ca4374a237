import { normalizeEmail } from "~/domain/people.server";
import { getSite } from "~/domain/site.server";
import { ok, refused } from "~/lib/result";

/**
 * How a new account arrives:
 * - "password": the sign-up form, open to anyone only when the site says so;
 * - "invitation": an admin invited this address (never refused here: the admin chose them);
 * - "sso": the company's own sign-in (OpenID Connect or a signed token), which the site's
 *   "only invited or SSO people" setting admits.
 */
export type SignUpRoute = "password" | "invitation" | "sso";

/**
 * True when the address's domain is one of `domains` or under one of them ("example.com" admits
 * "ana@example.com" and "ana@eu.example.com"). An empty list admits every domain.
 */
export function domainAllowed(email: string, domains: readonly string[]) {
  if (domains.length === 0) return true;
  const domain = normalizeEmail(email).split("@").pop() ?? "";
  return domains.some((allowed) => domain === allowed || domain.endsWith(`.${allowed}`));
}

/**
 * The one check of the site's sign-up settings, for every way an account is made (the sign-up
 * form, invitations, OpenID Connect, signed-token SSO). Invitations always pass; the allowed
 * domains bind every other way; "invited" closes the sign-up form only.
 */
export async function checkSignUp(input: { email: string; via: SignUpRoute }) {
  if (input.via === "invitation") return ok();
  const settings = await getSite();
  if (!settings) return refused("notSetUp");
  if (input.via === "password" && settings.signupMode !== "anyone") return refused("inviteOnly");
  if (!domainAllowed(input.email, settings.signupDomains ? settings.signupDomains.split(" ") : [])) return refused("domainNotAllowed");
  return ok();
}

/** Whether the sign-up form is open at all (the page says so instead of showing a form that cannot work). */
export async function signupFormOpen() {
  return (await getSite())?.signupMode === "anyone";
}
