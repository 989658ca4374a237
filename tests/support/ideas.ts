import { createIdea } from "~/domain/ideas.server";
import { escapeHtml } from "~/lib/html";
import type { RichBody } from "~/lib/rich-body.server";
import { markSafeHtml } from "~/lib/safe-html";
import { accepted } from "#tests/support/fixtures";

/**
 * A one-paragraph body, as the sanitiser renders plain text (tests/unit/rich-body.test.ts
 * holds it to that); built by hand so that tests of the domain need not load the editor's schema.
 */
export function plainBody(text: string): RichBody {
  return {
    json: JSON.stringify({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] }),
    html: markSafeHtml(`<p>${escapeHtml(text)}</p>`),
    text,
  };
}

export async function makeIdea(authorId: string, title: string, options: { body?: string; categoryId?: number | null; now?: Date } = {}) {
  return accepted(
    await createIdea({
      authorId,
      title,
      body: plainBody(options.body ?? `${title}: the details.`),
      categoryId: options.categoryId ?? null,
      now: options.now,
    }),
  );
}
