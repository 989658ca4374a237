import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useTranslation } from "~/lib/use-translation";
import type { z } from "zod";
import { FieldErrors, FormErrors } from "~/components/forms";
// Types only: the server validates the report (web/workflow-forms.ts).
import type { reportFormSchema } from "~/web/workflow-forms";

type LastResult = { formId: string; result: SubmissionResult<string[]> | null } | null;

/** Anyone logged in reports an idea or a comment to the moderators, with a reason. */
export function ReportForm({ commentId, lastResult, cancelTo }: { commentId?: number; lastResult: LastResult; cancelTo: string }) {
  const { t } = useTranslation();
  const formId = commentId ? `report-comment-${commentId}` : "report-idea";
  const [form, fields] = useForm<z.input<typeof reportFormSchema>>({
    id: formId,
    lastResult: lastResult?.formId === formId ? lastResult.result : undefined,
  });
  const { key: _key, ...reasonProps } = getInputProps(fields.reason, { type: "text" });
  // Back to the same place after sending, with or without JavaScript: the thanks appear where the form was.
  const anchor = commentId ? `#comment-${commentId}` : "#idea-report";
  return (
    <Form
      method="post"
      action={`?report=${commentId ? `comment-${commentId}` : "idea"}${anchor}`}
      preventScrollReset
      {...getFormProps(form)}
      className="mt-3 space-y-2 rounded-md border border-stone-300 bg-stone-50 p-3"
    >
      <input type="hidden" name="intent" value="report" />
      <input type="hidden" name="formId" value={formId} />
      {commentId ? <input type="hidden" name="commentId" value={commentId} /> : null}
      <FormErrors id={form.errorId} errors={form.errors} />
      <label htmlFor={fields.reason.id} className="block text-sm font-semibold">
        {t("moderation.reason")}
      </label>
      <input {...reasonProps} className="input" />
      <FieldErrors id={fields.reason.errorId} errors={fields.reason.errors} />
      <div className="flex gap-2">
        <button type="submit" className="btn-secondary">
          {t("moderation.send")}
        </button>
        <a href={cancelTo} className="btn-secondary">
          {t("discussion.cancel")}
        </a>
      </div>
    </Form>
  );
}
