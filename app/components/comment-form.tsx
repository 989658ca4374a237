import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form, Link, useNavigation, useParams } from "@remix-run/react";
import { useTranslation } from "~/lib/use-translation";
import { FormErrors } from "~/components/forms";
import { RichTextField } from "~/components/rich-text-field";

type CommentFormProps = {
  formId: string;
  intent: "comment" | "edit-comment";
  lastResult?: SubmissionResult<string[]> | null;
  label: string;
  submitLabel: string;
  defaultBody?: string;
  hidden?: Record<string, string | number>;
  allowInternal?: boolean;
  cancelTo?: string;
};

/** A comment on the idea whose page this is; its editor suggests whom "@" may mention there. */
export function CommentForm({ formId, intent, lastResult, label, submitLabel, defaultBody = "", hidden = {}, allowInternal, cancelTo }: CommentFormProps) {
  const { t } = useTranslation();
  // Read here rather than passed down: this module loads lazily, the idea page's own code does not grow.
  const ideaParam = useParams().id;
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useForm({
    id: formId,
    lastResult,
    defaultValue: { body: defaultBody },
  });
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-3" id={formId}>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="formId" value={formId} />
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <FormErrors id={form.errorId} errors={form.errors} />
      <RichTextField
        name={fields.body.name}
        id={fields.body.id}
        label={label}
        defaultValue={typeof fields.body.initialValue === "string" ? fields.body.initialValue : defaultBody}
        errors={fields.body.errors}
        errorId={fields.body.errorId}
        descriptionId={fields.body.descriptionId}
        variant="light"
        rows={4}
        mentions={ideaParam ? `/ideas/${ideaParam}/mentions` : undefined}
      />
      {allowInternal ? (
        <fieldset className="flex flex-wrap gap-4 text-sm">
          <legend className="sr-only">{t("discussion.visibility")}</legend>
          <label className="flex items-center gap-2">
            <input type="radio" name="kind" value="public" defaultChecked /> {t("discussion.publicReply")}
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="kind" value="internal" /> {t("discussion.internalNote")}
          </label>
        </fieldset>
      ) : null}
      <div className="flex gap-3">
        <button type="submit" className="btn-primary" disabled={busy}>
          {submitLabel}
        </button>
        {cancelTo ? (
          <Link to={cancelTo} preventScrollReset className="btn-secondary">
            {t("discussion.cancel")}
          </Link>
        ) : null}
      </div>
    </Form>
  );
}
