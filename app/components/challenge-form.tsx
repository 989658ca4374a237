import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form, Link, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/lib/use-translation";
import { FormErrors, TextField, type FieldConstraints } from "~/components/forms";
import { ImageField } from "~/components/image-field";
import { RichTextField } from "~/components/rich-text-field";
import { uploadPath, UPLOAD_WIDTHS } from "~/lib/upload-paths";

export type ChallengeFormValues = {
  title: string;
  slug: string;
  brief: string;
  submissionOpensAt: string;
  submissionClosesAt: string;
  votingOpensAt: string;
  votingClosesAt: string;
  voteBudget: string;
};

/**
 * The staff form for a challenge. The four times are typed as wall-clock times in `timeZone`
 * (the one the defaults were written in), which is sent along so the server reads them alike.
 */
export function ChallengeForm({
  action,
  lastResult,
  constraint,
  defaultValue,
  timeZone,
  submitLabel,
  cancelTo,
  coverId = null,
}: {
  /** Where the form posts; by default the page it is on. */
  action?: string;
  lastResult?: SubmissionResult<string[]> | null;
  /** getZodConstraint(challengeSchema), from the loader. */
  constraint: FieldConstraints;
  defaultValue: ChallengeFormValues;
  timeZone: string;
  submitLabel: string;
  cancelTo: string;
  /** The cover in use now (kind "cover"), if any. */
  coverId?: string | null;
}) {
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useForm({
    id: "challenge",
    lastResult,
    defaultValue,
    constraint,
  });
  return (
    <Form method="post" action={action} encType="multipart/form-data" {...getFormProps(form)} className="card space-y-5">
      <input type="hidden" name="intent" value="save" />
      <input type="hidden" name="timeZone" value={timeZone} />
      <FormErrors id={form.errorId} errors={form.errors} />
      <TextField label={t("admin.challenges.form.title")} hint={t("admin.challenges.form.titleHint")} meta={fields.title} />
      <TextField label={t("admin.challenges.form.slug")} hint={t("admin.challenges.form.slugHint")} meta={fields.slug} />
      <RichTextField
        name={fields.brief.name}
        id={fields.brief.id}
        label={t("admin.challenges.form.brief")}
        hint={t("admin.challenges.form.briefHint")}
        defaultValue={typeof fields.brief.initialValue === "string" ? fields.brief.initialValue : ""}
        errors={fields.brief.errors}
        errorId={fields.brief.errorId}
        descriptionId={fields.brief.descriptionId}
        rows={6}
      />
      <ImageField
        name="cover"
        label={t("admin.challenges.form.cover")}
        hint={t("admin.challenges.form.coverHint")}
        errors={(lastResult?.error?.cover as string[] | undefined) ?? undefined}
        preview={coverId ? <img src={uploadPath(coverId, UPLOAD_WIDTHS.cover[0])} alt={t("admin.challenges.form.currentCover")} className="h-16 w-auto rounded border border-stone-200" /> : null}
        remove={coverId ? { name: "removeCover", label: t("admin.challenges.form.removeCover") } : undefined}
      />
      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold">{t("admin.challenges.form.windows")}</legend>
        <p className="text-sm text-muted">{t("admin.challenges.form.timeZone", { zone: timeZone })}</p>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField type="datetime-local" label={t("admin.challenges.form.submissionOpensAt")} meta={fields.submissionOpensAt} />
          <TextField type="datetime-local" label={t("admin.challenges.form.submissionClosesAt")} meta={fields.submissionClosesAt} />
          <TextField type="datetime-local" label={t("admin.challenges.form.votingOpensAt")} meta={fields.votingOpensAt} />
          <TextField type="datetime-local" label={t("admin.challenges.form.votingClosesAt")} meta={fields.votingClosesAt} />
        </div>
      </fieldset>
      <TextField type="number" label={t("admin.challenges.form.voteBudget")} hint={t("admin.challenges.form.voteBudgetHint", { max: constraint.voteBudget?.max })} meta={fields.voteBudget} className="max-w-xs" />
      <div className="flex flex-wrap gap-3">
        <button type="submit" className="btn-primary" disabled={busy}>
          {submitLabel}
        </button>
        <Link to={cancelTo} className="btn-secondary">
          {t("admin.challenges.form.cancel")}
        </Link>
      </div>
    </Form>
  );
}
