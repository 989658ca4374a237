import type { CommentKind, Role } from "#db/schema";
import { postComment } from "~/domain/comments.server";
import { plainBody } from "#tests/support/ideas";

/** Posts a comment; returns the domain's answer (the comment, or why it was refused). */
export function postTestComment(ideaId: number, author: { id: string; role: Role }, text: string, options: { parentId?: number; kind?: CommentKind } = {}) {
  return postComment({ ideaId, author, parentId: options.parentId ?? null, kind: options.kind ?? "public", body: plainBody(text) });
}

/** Posts a comment that must be accepted. */
export async function comment(ideaId: number, author: { id: string; role: Role }, text: string, options: { parentId?: number; kind?: CommentKind } = {}) {
  const posted = await postTestComment(ideaId, author, text, options);
  if (!posted.ok) throw new Error(`Comment refused: ${posted.reason}`);
  return posted.value;
}
