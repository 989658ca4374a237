// Cross-site request forgery guard, used by server.mjs before any Remix action runs.

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

// Mail clients post one-click unsubscribes (RFC 8058) with no Origin; the link's signed
// token, not a cookie, is what authorises that request.
const TOKEN_AUTHORISED_PATHS = new Set(["/unsubscribe"]);

/**
 * True when a request may change state: a safe method, or an `Origin` (or, when a browser
 * sends none, a `Referer`) whose host is the host the request was sent to. A request that
 * names no origin at all is refused: every browser we support sends one on POST.
 *
 * @param {string} method
 * @param {{ host?: string | null, origin?: string | null, referer?: string | null }} headers
 * @param {string} [pathname]
 */
export function isAllowedOrigin(method, headers, pathname = "") {
  if (SAFE_METHODS.has(method.toUpperCase())) return true;
  if (TOKEN_AUTHORISED_PATHS.has(pathname)) return true;
  const claimed = headers.origin && headers.origin !== "null" ? headers.origin : headers.referer;
  if (!claimed || !headers.host) return false;
  try {
    return new URL(claimed).host === headers.host;
  } catch {
    return false;
  }
}
