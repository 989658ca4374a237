import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect } from "@remix-run/node";
import { z } from "zod";
import { ModerationError, reportContent } from "~/domain/moderation.server";
import { assignIdea, changeStatus, mergeIdeas, unmergeIdea, WorkflowError } from "~/domain/workflow.server";
import { mergeFormSchema, reportFormSchema, statusFormSchema } from "~/domain/workflow.schema";
import type { SessionUser } from "~/lib/auth.server";
import { richBodyFrom } from "~/lib/rich-body.server";
import { hasRole } from "~/domain/roles";

export const WORKFLOW_INTENTS = new Set(["status", "merge", "unmerge", "assign", "report"]);

const WORKFLOW_ERRORS: Record<WorkflowError["reason"], string> = {
  notFound: "errors.workflow.notFound",
  noteRequired: "errors.workflow.noteRequired",
  sameStatus: "errors.workflow.sameStatus",
  merged: "errors.workflow.merged",
  selfMerge: "errors.workflow.selfMerge",
  notMerged: "errors.workflow.notMerged",
  notStaff: "errors.workflow.notStaff",
};

/** Staff actions on an idea page (status, merge, assignment) and anyone's report. */
export function handleWorkflowAction(intent: string, formData: FormData, ideaId: number, user: SessionUser, pagePath: string) {
  const formId = String(formData.get("formId") ?? intent);
  if (intent !== "report" && !hasRole(user, "staff")) throw new Response("Forbidden", { status: 403 });

  if (intent === "report") {
    const submission = parseWithZod(formData, { schema: reportFormSchema });
    if (submission.status !== "success") return data({ formId, result: submission.reply() }, { status: 400 });
    const commentId = formData.get("commentId") ? z.coerce.number().int().positive().parse(formData.get("commentId")) : null;
    try {
      reportContent({ reporterId: user.id, ideaId, commentId, reason: submission.value.reason });
    } catch (error) {
      if (error instanceof ModerationError && error.reason === "alreadyReported") {
        return data({ formId, result: submission.reply({ formErrors: ["errors.moderation.alreadyReported"] }) }, { status: 400 });
      }
      if (error instanceof ModerationError) throw new Response("Not Found", { status: 404 });
      throw error;
    }
    return { formId, result: submission.reply({ resetForm: true }), reported: true };
  }

  try {
    if (intent === "status") {
      const submission = parseWithZod(formData, { schema: statusFormSchema });
      if (submission.status !== "success") return data({ formId, result: submission.reply() }, { status: 400 });
      const noteInput = submission.value.note?.trim() ?? "";
      const parsedNote = noteInput ? richBodyFrom(noteInput) : null;
      if (parsedNote && !parsedNote.ok) return data({ formId, result: submission.reply({ fieldErrors: { note: [parsedNote.reason] } }) }, { status: 400 });
      const note = parsedNote?.ok ? parsedNote.value : null;
      try {
        changeStatus({ ideaId, staffId: user.id, to: submission.value.status, note });
      } catch (error) {
        if (error instanceof WorkflowError && (error.reason === "noteRequired" || error.reason === "sameStatus")) {
          const field = error.reason === "noteRequired" ? "note" : "status";
          return data({ formId, result: submission.reply({ fieldErrors: { [field]: [WORKFLOW_ERRORS[error.reason]] } }) }, { status: 400 });
        }
        throw error;
      }
      throw redirect(`${pagePath}#discussion`);
    }
    if (intent === "merge") {
      const submission = parseWithZod(formData, { schema: mergeFormSchema });
      if (submission.status !== "success") return data({ formId, result: submission.reply() }, { status: 400 });
      try {
        mergeIdeas({ sourceId: ideaId, targetId: submission.value.target, staffId: user.id });
      } catch (error) {
        if (error instanceof WorkflowError) return data({ formId, result: submission.reply({ fieldErrors: { target: [WORKFLOW_ERRORS[error.reason]] } }) }, { status: 400 });
        throw error;
      }
      throw redirect(pagePath);
    }
    if (intent === "unmerge") {
      unmergeIdea({ sourceId: ideaId, staffId: user.id });
      throw redirect(pagePath);
    }
    const assigneeId = String(formData.get("assigneeId") ?? "");
    assignIdea(ideaId, assigneeId || null, user.id);
    throw redirect(pagePath);
  } catch (error) {
    if (error instanceof WorkflowError) throw new Response(WORKFLOW_ERRORS[error.reason], { status: error.reason === "notFound" ? 404 : 400 });
    throw error;
  }
}
