import Bowser from "bowser";

/**
 * The browser and system a User-Agent names ("Chrome", "Linux"), for a person to recognise
 * their sessions; null parts when it names none. Parsed by bowser (MIT, kept up to date with
 * browsers' strings) rather than by hand.
 */
export function describeUserAgent(userAgent: string | null) {
  if (!userAgent) return { browser: null, os: null };
  const parsed = Bowser.parse(userAgent);
  return { browser: parsed.browser.name || null, os: parsed.os.name || null };
}
