import { clsx } from "~/lib/clsx";
import type { SafeHtml } from "~/lib/safe-html";

/**
 * Shows a rich-text body: the only place in the app that sets inner HTML. `html` is a SafeHtml,
 * which only the sanitiser's renderer makes (app/lib/rich-body.server.ts): the editor's document
 * rebuilt from its schema and written out through an allow-list of tags, every text escaped.
 */
export function RichText({ html, className }: { html: SafeHtml; className?: string }) {
  // eslint-disable-next-line react/no-danger -- SafeHtml comes only from the sanitiser (see above)
  return <div className={clsx("rich-text", className)} dangerouslySetInnerHTML={{ __html: html }} />;
}
