import { data, redirect } from "@remix-run/node";
import { deleteComment, editComment, postComment, setOfficialResponse } from "~/domain/comments.server";
import { follow, unfollow } from "~/domain/follows.server";
import { commentBodyFrom } from "~/domain/mentions.server";
import { commentFormSchema } from "~/web/discussion-forms";
import { formIdField } from "~/web/params";
import { badRequest, refusalResponse } from "~/web/responses.server";
import type { SessionUser } from "~/web/session.server";
import { parseSubmission } from "~/web/submission.server";

/**
 * The discussion's actions on an idea page, by intent. A rejected form comes back with its id
 * and conform reply, so the right form shows its errors and keeps what was typed; success
 * redirects to the idea (and the comment), so a reload never posts twice. The route has
 * already checked who may ask (see route.tsx); the domain checks the rest.
 */
export async function handleDiscussionAction(intent: string, formData: FormData, ideaId: number, user: SessionUser, pagePath: string) {
  const formId = String(formData.get("formId") ?? "");
  switch (intent) {
    case "comment":
    case "edit-comment": {
      const submission = parseSubmission(formData, { schema: commentFormSchema });
      if (submission.status !== "success") return data({ formId, result: submission.reply() }, { status: 400 });
      const body = await commentBodyFrom(submission.value.body);
      if (!body.ok) return data({ formId, result: submission.reply({ fieldErrors: { body: [body.reason] } }) }, { status: 400 });
      const saved =
        intent === "edit-comment"
          ? await editComment(formIdField(formData, "commentId"), user.id, body.value)
          : await postComment({
              ideaId,
              author: user,
              parentId: formData.get("parentId") ? formIdField(formData, "parentId") : null,
              // Customers have only the public kind; asking for another is refused by the domain.
              kind: formData.get("kind") === "internal" ? "internal" : "public",
              body: body.value,
            });
      if (!saved.ok) throw refusalResponse(saved.reason);
      throw redirect(`${pagePath}#comment-${saved.value.id}`);
    }
    case "delete-comment": {
      const deleted = await deleteComment(formIdField(formData, "commentId"), user.id);
      if (!deleted.ok) throw refusalResponse(deleted.reason);
      throw redirect(deleted.value.parentId ? `${pagePath}#comment-${deleted.value.parentId}` : `${pagePath}#discussion`);
    }
    case "official": {
      const pinned = await setOfficialResponse({ ideaId, commentId: formIdField(formData, "commentId"), staffId: user.id });
      if (!pinned.ok) throw refusalResponse(pinned.reason);
      throw redirect(`${pagePath}#official-response`);
    }
    case "follow": {
      const followed = await follow(ideaId, user.id);
      if (!followed.ok) throw refusalResponse(followed.reason);
      throw redirect(pagePath);
    }
    case "unfollow":
      await unfollow(ideaId, user.id);
      throw redirect(pagePath);
    default:
      throw badRequest();
  }
}
