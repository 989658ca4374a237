import { appUrl } from "~/lib/app-url.server";

// Control characters (browsers drop tab, CR and LF from URLs: "/\t/evil.com" becomes
// "//evil.com") and backslashes (read as slashes: "/\evil.com").
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\\]/;
const MAX_LENGTH = 2048;

function looksUnsafe(text: string) {
  if (UNSAFE_CHARACTERS.test(text)) return true;
  // Once decoded, the same tricks, encoded ("/%09/evil.com", "/%5Cevil.com", "/%2F%2Fevil.com").
  let decoded: string;
  try {
    decoded = decodeURIComponent(text);
  } catch {
    return true;
  }
  return UNSAFE_CHARACTERS.test(decoded) || decoded.startsWith("//");
}

/**
 * The one redirect rule: a target (a path, or a full URL of this site) is followed only when,
 * resolved against APP_URL, it has the site's own origin, and it holds no control character,
 * backslash or encoded trick; anything else gives `fallback`. What comes back is the resolved
 * path, query and hash, percent-encoded, so it is always a valid Location header.
 */
export function safeRedirect(target: string | null | undefined, fallback: string): string;
export function safeRedirect(target: string | null | undefined): string | null;
export function safeRedirect(target: string | null | undefined, fallback: string | null = null) {
  if (typeof target !== "string" || target === "" || target.length > MAX_LENGTH || looksUnsafe(target)) return fallback;
  const site = new URL(appUrl());
  let url: URL;
  try {
    url = new URL(target, site);
  } catch {
    return fallback;
  }
  if (url.origin !== site.origin) return fallback;
  const path = url.pathname + url.search + url.hash;
  // "/.//evil.com" resolves to the path "//evil.com", which a browser reads as another host.
  return path.startsWith("//") ? fallback : path;
}
