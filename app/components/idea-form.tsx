import { getFormProps, getInputProps, getSelectProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form, Link, useFetcher, useNavigation } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "~/lib/use-translation";
import { FieldErrors, FormErrors, type FieldConstraints } from "~/components/forms";
import { StatusBadge } from "~/components/idea-badges";
import { RichTextField } from "~/components/rich-text-field";
import type { IdeaStatus } from "#db/schema";
import { ideaPath } from "~/lib/paths";
import { useFormatters } from "~/lib/format";

type IdeaFormProps = {
  lastResult?: SubmissionResult<string[]> | null;
  /** getZodConstraint(ideaSchema), from the loader. */
  constraint: FieldConstraints;
  categories: Array<{ id: number; name: string }>;
  defaultValue?: { title: string; body: string; categoryId: string };
  submitLabel: string;
  cancelTo: string;
  /** Only when posting: suggest existing ideas while the title is typed. */
  suggestSimilar?: boolean;
  /** Only when posting to a challenge. */
  challengeId?: number;
};

export function IdeaForm({ lastResult, constraint, categories, defaultValue, submitLabel, cancelTo, suggestSimilar, challengeId }: IdeaFormProps) {
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useForm({
    lastResult,
    defaultValue,
    constraint,
  });
  const [title, setTitle] = useState(String(fields.title.initialValue ?? ""));
  const { key: _key, ...titleProps } = getInputProps(fields.title, { type: "text", ariaDescribedBy: fields.title.descriptionId });
  const { key: _selectKey, ...categoryProps } = getSelectProps(fields.categoryId);

  return (
    <Form method="post" {...getFormProps(form)} className="card space-y-5">
      <FormErrors id={form.errorId} errors={form.errors} />
      {challengeId ? <input type="hidden" name="challengeId" value={challengeId} /> : null}
      <div>
        <label htmlFor={fields.title.id} className="block text-sm font-semibold">
          {t("ideaForm.title")}
        </label>
        <p id={fields.title.descriptionId} className="text-sm text-muted">
          {t("ideaForm.titleHint", { min: constraint.title?.minLength, max: constraint.title?.maxLength })}
        </p>
        <input {...titleProps} className="input mt-1" autoComplete="off" onInput={(event) => setTitle(event.currentTarget.value)} />
        <FieldErrors id={fields.title.errorId} errors={fields.title.errors} />
        {suggestSimilar ? <SimilarIdeas title={title} /> : null}
      </div>
      <RichTextField
        name={fields.body.name}
        id={fields.body.id}
        label={t("ideaForm.body")}
        hint={t("ideaForm.bodyHint")}
        defaultValue={typeof fields.body.initialValue === "string" ? fields.body.initialValue : ""}
        errors={fields.body.errors}
        errorId={fields.body.errorId}
        descriptionId={fields.body.descriptionId}
      />
      {/* With no category to choose from, "No category" is the only answer: no picker. */}
      {categories.length === 0 ? null : (
        <div>
          <label htmlFor={fields.categoryId.id} className="block text-sm font-semibold">
            {t("ideaForm.category")}
          </label>
          <select {...categoryProps} className="input mt-1">
            <option value="">{t("ideaForm.noCategory")}</option>
            {categories.map((category) => (
              <option key={category.id} value={category.id}>
                {category.name}
              </option>
            ))}
          </select>
          <FieldErrors id={fields.categoryId.errorId} errors={fields.categoryId.errors} />
        </div>
      )}
      <div className="flex flex-wrap gap-3">
        <button type="submit" className="btn-primary" disabled={busy}>
          {submitLabel}
        </button>
        <Link to={cancelTo} className="btn-secondary">
          {t("ideaForm.cancel")}
        </Link>
      </div>
    </Form>
  );
}

type Similar = { id: number; title: string; status: IdeaStatus; voteCount: number };

/** Existing ideas like the title being typed, so people can vote instead of duplicating. */
function SimilarIdeas({ title }: { title: string }) {
  const { t } = useTranslation();
  const { formatNumber } = useFormatters();
  const fetcher = useFetcher<{ ideas: Similar[] }>();
  const { load } = fetcher;
  useEffect(() => {
    if (title.trim().length < 3) return;
    const timer = setTimeout(() => load(`/ideas/similar?${new URLSearchParams({ title })}`), 300);
    return () => clearTimeout(timer);
  }, [title, load]);
  const similar = title.trim().length >= 3 ? (fetcher.data?.ideas ?? []) : [];
  return (
    <div aria-live="polite">
      {similar.length > 0 ? (
        <div className="mt-3 rounded-md border border-amber-300 bg-amber-50 p-3">
          <p className="text-sm font-semibold text-amber-900">{t("ideaForm.similarTitle")}</p>
          <ul className="mt-2 space-y-1.5">
            {similar.map((idea) => (
              <li key={idea.id} className="flex flex-wrap items-center gap-2 text-sm">
                <a href={ideaPath(idea)} target="_blank" rel="noreferrer" className="link font-medium">
                  {idea.title}
                  <span className="sr-only"> {t("ideaForm.opensInNewTab")}</span>
                </a>
                <StatusBadge status={idea.status} />
                <span className="text-muted">{t("votes.count", { count: idea.voteCount, formatted: formatNumber(idea.voteCount) })}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
