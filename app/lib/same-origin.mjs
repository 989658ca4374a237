// Cross-site request forgery guard, used by server.mjs before any Remix action runs.

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

// Mail clients post one-click unsubscribes (RFC 8058) with no Origin; the link's signed
// token, not a cookie, is what authorises that request.
const TOKEN_AUTHORISED_PATHS = new Set(["/unsubscribe"]);
// The REST API authenticates every request by its API key, never by a cookie, so a request
// forged by another site carries no authority there.
const TOKEN_AUTHORISED_PREFIX = "/api/v1/";

/**
 * True when a request may change state: a safe method, or an `Origin` (or, when a browser
 * sends none, a `Referer`) that is the site's own origin, `siteOrigin` (APP_URL's), whatever
 * Host header the request came with. A request that names no origin at all is refused: every
 * browser we support sends one on POST. So is `Origin: null` (a sandboxed frame, a page
 * reached through a redirect from another site), whatever Referer comes with it.
 *
 * @param {string} method
 * @param {{ origin?: string | null, referer?: string | null }} headers
 * @param {string} pathname
 * @param {string} siteOrigin
 */
export function isAllowedOrigin(method, headers, pathname, siteOrigin) {
  if (SAFE_METHODS.has(method.toUpperCase())) return true;
  if (TOKEN_AUTHORISED_PATHS.has(pathname) || pathname.startsWith(TOKEN_AUTHORISED_PREFIX)) return true;
  if (headers.origin === "null") return false;
  const claimed = headers.origin || headers.referer;
  if (!claimed) return false;
  try {
    return new URL(claimed).origin === siteOrigin;
  } catch {
    return false;
  }
}
