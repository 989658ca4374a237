import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect } from "@remix-run/node";
import { z } from "zod";
import type { SessionUser } from "~/lib/auth.server";
import { commentFormSchema } from "~/domain/comments.schema";
import { CommentRefusedError, deleteComment, editComment, postComment, setOfficialResponse } from "~/domain/comments.server";
import { follow, unfollow } from "~/domain/follows.server";
import { db } from "~/lib/db.server";
import { richBodyFrom } from "~/lib/rich-body.server";
import { isStaff } from "~/domain/roles";

const idField = z.coerce.number().int().positive();

const refusalStatus = { notFound: 404, forbidden: 403, badParent: 400, notStaffComment: 400 } as const;

/**
 * The discussion's actions on an idea page, by intent. A rejected form comes back with its id
 * and conform reply, so the right form shows its errors and keeps what was typed; success
 * redirects to the idea (and the comment), so a reload never posts twice.
 */
export function handleDiscussionAction(intent: string, formData: FormData, ideaId: number, user: SessionUser, pagePath: string) {
  const formId = String(formData.get("formId") ?? "");
  const staff = isStaff(user);
  try {
    switch (intent) {
      case "comment":
      case "edit-comment": {
        const submission = parseWithZod(formData, { schema: commentFormSchema });
        if (submission.status !== "success") return data({ formId, result: submission.reply() }, { status: 400 });
        const body = richBodyFrom(submission.value.body);
        if (!body.ok) return data({ formId, result: submission.reply({ fieldErrors: { body: [body.reason] } }) }, { status: 400 });
        const richBody = body.value;
        if (intent === "edit-comment") {
          const comment = editComment(idField.parse(formData.get("commentId")), user.id, richBody);
          throw redirect(`${pagePath}#comment-${comment.id}`);
        }
        const kind = formData.get("kind") === "internal" && staff ? "internal" : "public";
        if (formData.get("kind") === "internal" && !staff) throw new Response("Forbidden", { status: 403 });
        const parentId = formData.get("parentId") ? idField.parse(formData.get("parentId")) : null;
        const comment = postComment({ ideaId, author: user, parentId, kind, body: richBody });
        throw redirect(`${pagePath}#comment-${comment.id}`);
      }
      case "delete-comment": {
        const comment = deleteComment(idField.parse(formData.get("commentId")), user.id);
        throw redirect(comment.parentId ? `${pagePath}#comment-${comment.parentId}` : `${pagePath}#discussion`);
      }
      case "official": {
        if (!staff) throw new Response("Forbidden", { status: 403 });
        const commentId = idField.parse(formData.get("commentId"));
        setOfficialResponse({ ideaId, commentId, staffId: user.id });
        throw redirect(`${pagePath}#official-response`);
      }
      case "follow":
        follow(db, ideaId, user.id);
        throw redirect(pagePath);
      case "unfollow":
        unfollow(ideaId, user.id);
        throw redirect(pagePath);
      default:
        throw new Response("Bad Request", { status: 400 });
    }
  } catch (error) {
    if (error instanceof CommentRefusedError) throw new Response(error.reason, { status: refusalStatus[error.reason] });
    if (error instanceof z.ZodError) throw new Response("Bad Request", { status: 400 });
    throw error;
  }
}
