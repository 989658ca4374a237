import { markSafeHtml, type SafeHtml } from "~/lib/safe-html";

/** Text as HTML: the five characters that could start markup or end an attribute are escaped. */
export function escapeHtml(value: string): SafeHtml {
  return markSafeHtml(value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;"));
}
