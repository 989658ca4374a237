import type { CommentKind, Role } from "#db/schema";
import { postComment } from "~/domain/comments.server";
import { plainBody } from "#tests/support/ideas";

export function comment(ideaId: number, author: { id: string; role: Role }, text: string, options: { parentId?: number; kind?: CommentKind } = {}) {
  return postComment({ ideaId, author, parentId: options.parentId ?? null, kind: options.kind ?? "public", body: plainBody(text) });
}
