import { getFormProps, getSelectProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/lib/use-translation";
import { FieldErrors, FormErrors, TextField } from "~/components/forms";
import { lazy, Suspense } from "react";
import { RecordedVotes as RecordedVotesNow, type Voter } from "~/components/recorded-votes";
import { RichTextField } from "~/components/rich-text-field";
import type { z } from "zod";
import type { IdeaStatus } from "#db/schema";
import { SETTABLE_STATUSES } from "~/domain/idea-lifecycle";
// Types only: the server validates these forms (web/workflow-forms.ts); no schema code reaches the browser.
import type { mergeFormSchema, statusFormSchema } from "~/web/workflow-forms";

type LastResult = { formId: string; result: SubmissionResult<string[]> | null } | null;

// Recording a customer's vote: fetched by the browser once the panel is shown, as the panel is
// by the idea page (participation.tsx says how), so that it adds nothing to the page's first
// download (at its 100 kB budget). Pure: else this module would have a side effect, and the
// idea page's bundle would keep participation.tsx's static import of it.
const RecordedVotes = import.meta.env.SSR ? RecordedVotesNow : /* @__PURE__ */ lazy(() => import("~/components/recorded-votes").then((module) => ({ default: module.RecordedVotes })));

/**
 * What staff do to an idea: status with a signed note, assignment, merge; and, given its
 * newest voters, recording a customer's vote.
 */
export function StaffPanel({
  status,
  merged,
  assigneeId,
  staff,
  lastResult,
}: {
  status: IdeaStatus;
  merged: boolean;
  assigneeId: string | null;
  staff: Array<{ id: string; displayName: string }>;
  lastResult: LastResult;
}) {
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  // The idea's newest voters, from the idea page's loader: read here rather than passed down,
  // so that the page's own code (at its budget) does not grow by them.
  const { voters } = useLoaderData<{ voters?: { list: Voter[]; more: boolean } | null }>();
  const resultFor = (formId: string) => (lastResult?.formId === formId ? lastResult.result : undefined);
  const [statusForm, statusFields] = useForm<z.input<typeof statusFormSchema>>({
    id: "status-form",
    lastResult: resultFor("status-form"),
    defaultValue: { status: status === "duplicate" ? "open" : status },
  });
  const [mergeForm, mergeFields] = useForm<z.input<typeof mergeFormSchema>>({
    id: "merge-form",
    lastResult: resultFor("merge-form"),
  });
  const { key: _statusKey, ...statusSelect } = getSelectProps(statusFields.status);

  return (
    <>
      <section aria-labelledby="staff-panel-title" className="mt-6 rounded-lg border border-brand-700 bg-white p-5">
        <h2 id="staff-panel-title" className="text-lg font-semibold">
          {t("workflow.panelTitle")}
        </h2>
        {merged ? (
          <Form method="post" className="mt-3">
            <input type="hidden" name="intent" value="unmerge" />
            <button type="submit" className="btn-secondary">
              {t("workflow.unmerge")}
            </button>
          </Form>
        ) : (
          <div className="mt-4 grid gap-6 lg:grid-cols-2">
            <Form method="post" {...getFormProps(statusForm)} className="space-y-3">
              <input type="hidden" name="intent" value="status" />
              <input type="hidden" name="formId" value="status-form" />
              <FormErrors id={statusForm.errorId} errors={statusForm.errors} />
              <div>
                <label htmlFor={statusFields.status.id} className="block text-sm font-semibold">
                  {t("workflow.newStatus")}
                </label>
                <select {...statusSelect} className="input mt-1">
                  {SETTABLE_STATUSES.map((value) => (
                    <option key={value} value={value}>
                      {t(`statuses.${value}.label`)}
                    </option>
                  ))}
                </select>
                <FieldErrors id={statusFields.status.errorId} errors={statusFields.status.errors} />
              </div>
              <RichTextField
                name={statusFields.note.name}
                id={statusFields.note.id}
                label={t("workflow.note")}
                hint={t("workflow.noteHint")}
                defaultValue={typeof statusFields.note.initialValue === "string" ? statusFields.note.initialValue : ""}
                errors={statusFields.note.errors}
                errorId={statusFields.note.errorId}
                descriptionId={statusFields.note.descriptionId}
                variant="light"
                rows={3}
              />
              <button type="submit" className="btn-primary" disabled={busy}>
                {t("workflow.changeStatus")}
              </button>
            </Form>
            <div className="space-y-6">
              <Form method="post" className="space-y-2">
                <input type="hidden" name="intent" value="assign" />
                <label htmlFor="assignee" className="block text-sm font-semibold">
                  {t("workflow.assignee")}
                </label>
                <div className="flex gap-2">
                  <select id="assignee" name="assigneeId" defaultValue={assigneeId ?? ""} className="input">
                    <option value="">{t("workflow.nobody")}</option>
                    {staff.map((person) => (
                      <option key={person.id} value={person.id}>
                        {person.displayName}
                      </option>
                    ))}
                  </select>
                  <button type="submit" className="btn-secondary">
                    {t("workflow.assign")}
                  </button>
                </div>
              </Form>
              <Form method="post" {...getFormProps(mergeForm)} className="space-y-2">
                <input type="hidden" name="intent" value="merge" />
                <input type="hidden" name="formId" value="merge-form" />
                <FormErrors id={mergeForm.errorId} errors={mergeForm.errors} />
                <TextField label={t("workflow.mergeInto")} hint={t("workflow.mergeHint")} meta={mergeFields.target} />
                <button type="submit" className="btn-secondary">
                  {t("workflow.merge")}
                </button>
              </Form>
            </div>
          </div>
        )}
      </section>
      {voters ? (
        <Suspense fallback={null}>
          <RecordedVotes voters={voters.list} moreVoters={voters.more} lastResult={lastResult ?? undefined} />
        </Suspense>
      ) : null}
    </>
  );
}
