import { createIdea, type RichBody } from "~/domain/ideas.server";

export function plainBody(text: string): RichBody {
  const escaped = text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return {
    json: JSON.stringify({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] }),
    html: `<p>${escaped}</p>`,
    text,
  };
}

export function makeIdea(authorId: string, title: string, options: { body?: string; categoryId?: number | null; now?: Date } = {}) {
  return createIdea({
    authorId,
    title,
    body: plainBody(options.body ?? `${title}: the details.`),
    categoryId: options.categoryId ?? null,
    now: options.now,
  });
}
