import type { SafeHtml } from "#db/schema";

/**
 * HTML that may be set as a page's inner HTML: made only by the rich-text sanitiser's renderer
 * (`rich-body.server.ts`), by `escapeHtml` (html.ts), and by the email templates (notifications:
 * mail/email-template.tsx; account emails). A plain string
 * does not fit where a SafeHtml is wanted, so unsanitised text cannot reach `<RichText>` by
 * mistake. (The brand is declared beside the columns it types, in db/schema.ts.)
 */
export type { SafeHtml };

/**
 * Declares a string safe. Only the three producers above may call it (an ESLint rule forbids
 * importing it anywhere else in the app): everything they return is built from escaped text
 * and an allow-list of tags.
 */
export function markSafeHtml(html: string): SafeHtml {
  return html as SafeHtml;
}
