import { data, redirect } from "@remix-run/node";
import { reportContent } from "~/domain/moderation.server";
import { recordVoteFor } from "~/domain/votes.server";
import { assignIdea, changeStatus, mergeIdeas, unmergeIdea } from "~/domain/workflow.server";
import { richBodyFrom } from "~/lib/rich-body.server";
import { formIdField } from "~/web/params";
import { refusalResponse } from "~/web/responses.server";
import type { SessionUser } from "~/web/session.server";
import { mergeFormSchema, recordVoteFormSchema, reportFormSchema, statusFormSchema } from "~/web/workflow-forms";
import { parseSubmission } from "~/web/submission.server";

/** What a staff member can fix in the form: its field, and the message shown there. */
const fieldErrorOf = (reason: string) => `errors.workflow.${reason}`;

/**
 * Staff actions on an idea page (status, merge, unmerge, assignment) and anyone's report. The
 * route has already checked the role each intent needs (see route.tsx).
 */
export async function handleWorkflowAction(intent: string, formData: FormData, ideaId: number, user: SessionUser, pagePath: string) {
  const formId = String(formData.get("formId") ?? intent);

  if (intent === "report") {
    const submission = parseSubmission(formData, { schema: reportFormSchema });
    if (submission.status !== "success") return data({ formId, result: submission.reply() }, { status: 400 });
    const commentId = formData.get("commentId") ? formIdField(formData, "commentId") : null;
    const reported = await reportContent({ reporterId: user.id, ideaId, commentId, reason: submission.value.reason });
    if (!reported.ok) {
      if (reported.reason === "alreadyReported") {
        return data({ formId, result: submission.reply({ formErrors: ["errors.moderation.alreadyReported"] }) }, { status: 400 });
      }
      throw refusalResponse(reported.reason);
    }
    return { formId, result: submission.reply({ resetForm: true }), reported: true };
  }

  if (intent === "status") {
    const submission = parseSubmission(formData, { schema: statusFormSchema });
    if (submission.status !== "success") return data({ formId, result: submission.reply() }, { status: 400 });
    const noteInput = submission.value.note?.trim() ?? "";
    const note = noteInput ? richBodyFrom(noteInput) : null;
    if (note && !note.ok) return data({ formId, result: submission.reply({ fieldErrors: { note: [note.reason] } }) }, { status: 400 });
    const changed = await changeStatus({ ideaId, staffId: user.id, to: submission.value.status, note: note?.ok ? note.value : null });
    if (!changed.ok) {
      if (changed.reason === "noteRequired" || changed.reason === "sameStatus") {
        const field = changed.reason === "noteRequired" ? "note" : "status";
        return data({ formId, result: submission.reply({ fieldErrors: { [field]: [fieldErrorOf(changed.reason)] } }) }, { status: 400 });
      }
      throw refusalResponse(changed.reason);
    }
    throw redirect(`${pagePath}#discussion`);
  }

  if (intent === "merge") {
    const submission = parseSubmission(formData, { schema: mergeFormSchema });
    if (submission.status !== "success") return data({ formId, result: submission.reply() }, { status: 400 });
    const merged = await mergeIdeas({ sourceId: ideaId, targetId: submission.value.target, staffId: user.id });
    if (!merged.ok) return data({ formId, result: submission.reply({ fieldErrors: { target: [fieldErrorOf(merged.reason)] } }) }, { status: 400 });
    throw redirect(pagePath);
  }

  if (intent === "record-vote") {
    const submission = parseSubmission(formData, { schema: recordVoteFormSchema });
    if (submission.status !== "success") return data({ formId, result: submission.reply() }, { status: 400 });
    const recorded = await recordVoteFor({ ideaId, staffId: user.id, ...submission.value });
    if (!recorded.ok) {
      if (recorded.reason === "notFound" || recorded.reason === "forbidden") throw refusalResponse(recorded.reason);
      const field = recorded.reason === "notCustomer" ? "email" : "";
      const message = fieldErrorOf(recorded.reason);
      return data({ formId, result: submission.reply(field ? { fieldErrors: { [field]: [message] } } : { formErrors: [message] }) }, { status: 400 });
    }
    const { person, alreadyVoted } = recorded.value;
    return { formId, result: submission.reply({ resetForm: true }), recorded: { name: person.displayName, alreadyVoted } };
  }

  if (intent === "unmerge") {
    const unmerged = await unmergeIdea({ sourceId: ideaId, staffId: user.id });
    if (!unmerged.ok) throw refusalResponse(unmerged.reason);
    throw redirect(pagePath);
  }

  // "assign"
  const assigneeId = String(formData.get("assigneeId") ?? "");
  const assigned = await assignIdea({ ideaId, assigneeId: assigneeId || null, actorId: user.id });
  if (!assigned.ok) throw refusalResponse(assigned.reason);
  throw redirect(pagePath);
}
