declare const safeHtml: unique symbol;

/**
 * HTML that may be set as a page's inner HTML: made only by the rich-text sanitiser's renderer
 * (`rich-body.server.ts`), by `escapeHtml`, and by the email template. A plain string does not
 * fit where a SafeHtml is wanted, so unsanitised text cannot reach `<RichText>` by mistake.
 */
export type SafeHtml = string & { readonly [safeHtml]: true };

/**
 * Declares a string safe. Only the three producers above may call it (an ESLint rule forbids
 * importing it anywhere else): everything they return is built from escaped text and an
 * allow-list of tags.
 */
export function markSafeHtml(html: string): SafeHtml {
  return html as SafeHtml;
}
