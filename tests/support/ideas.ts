import { createIdea } from "~/domain/ideas.server";
import { richBodyFrom, type RichBody } from "~/lib/rich-body.server";

/** A body as the sanitiser makes it from plain text typed in the form. */
export function plainBody(text: string): RichBody {
  const body = richBodyFrom(text);
  if (!body.ok) throw new Error(`Test body "${text}" is invalid: ${body.reason}`);
  return body.value;
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
