/** Only same-site paths: never redirect a person off the site after logging in. */
export function safeRedirect(target: string | null | undefined, fallback: string): string;
export function safeRedirect(target: string | null | undefined): string | null;
export function safeRedirect(target: string | null | undefined, fallback: string | null = null) {
  if (!target) return fallback;
  let path = target;
  if (/^https?:\/\//i.test(target)) {
    try {
      const url = new URL(target);
      path = url.pathname + url.search;
    } catch {
      return fallback;
    }
  }
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) return fallback;
  return path;
}
