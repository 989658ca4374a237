import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/lib/use-translation";
import { FormErrors, TextField } from "~/components/forms";
import { useFormatters } from "~/lib/format";
import type { z } from "zod";
// Types only: the server validates this form (web/workflow-forms.ts); no schema code reaches the browser.
import type { recordVoteFormSchema } from "~/web/workflow-forms";

export type Voter = {
  person: { id: string; displayName: string; email: string; company: string | null };
  votedAt: string | Date;
  recordedBy: { id: string; displayName: string } | null;
  recordedNote: string | null;
};

type LastResult = { formId: string; result?: SubmissionResult<string[]> | null; recorded?: { name: string; alreadyVoted: boolean } } | undefined;

/**
 * Staff only: record the vote of a customer heard elsewhere (by email; a customer account is
 * made when there is none), and the idea's voters with who recorded whose vote.
 */
export function RecordedVotes({ voters, moreVoters, lastResult }: { voters: Voter[]; moreVoters: boolean; lastResult: LastResult }) {
  const { t } = useTranslation();
  const { formatDate } = useFormatters();
  const busy = useNavigation().state === "submitting";
  const mine = lastResult?.formId === "record-vote-form" ? lastResult : undefined;
  const [form, fields] = useForm<z.input<typeof recordVoteFormSchema>>({
    id: "record-vote-form",
    lastResult: mine?.result,
  });
  return (
    <section aria-labelledby="record-vote-title" className="mt-6 rounded-lg border border-brand-700 bg-white p-5">
      <h2 id="record-vote-title" className="text-lg font-semibold">
        {t("recordVote.title")}
      </h2>
      <p className="mt-1 text-sm text-muted">{t("recordVote.intro")}</p>
      <Form method="post" {...getFormProps(form)} className="mt-4 grid gap-3 sm:grid-cols-2">
        <input type="hidden" name="intent" value="record-vote" />
        <input type="hidden" name="formId" value="record-vote-form" />
        <div className="sm:col-span-2">
          <FormErrors id={form.errorId} errors={form.errors} />
        </div>
        <TextField label={t("recordVote.email")} meta={fields.email} type="email" autoComplete="off" />
        <TextField label={t("recordVote.name")} hint={t("recordVote.nameHint")} meta={fields.displayName} autoComplete="off" />
        <TextField label={t("recordVote.company")} meta={fields.company} autoComplete="off" />
        <TextField label={t("recordVote.note")} hint={t("recordVote.noteHint")} meta={fields.note} autoComplete="off" />
        <div className="sm:col-span-2">
          <button type="submit" className="btn-primary" disabled={busy}>
            {t("recordVote.submit")}
          </button>
        </div>
      </Form>
      {mine?.recorded ? (
        <p role="status" className="mt-3 rounded-md border border-green-300 bg-green-50 p-3 text-sm text-green-900">
          {t(mine.recorded.alreadyVoted ? "recordVote.already" : "recordVote.recorded", { name: mine.recorded.name })}
        </p>
      ) : null}
      <h3 className="mt-6 font-semibold">{t("recordVote.votersTitle")}</h3>
      <ul className="mt-2 divide-y divide-stone-200 text-sm">
        {voters.map((voter) => (
          <li key={voter.person.id} className="py-2">
            <span className="font-medium">{voter.person.displayName}</span>
            {voter.person.company ? <span className="text-muted"> · {voter.person.company}</span> : null}
            <span className="text-muted"> · {formatDate(voter.votedAt)}</span>
            {voter.recordedBy ? (
              <span className="block text-muted">
                {t("recordVote.recordedBy", { name: voter.recordedBy.displayName })}
                {voter.recordedNote ? ` — ${voter.recordedNote}` : null}
              </span>
            ) : null}
          </li>
        ))}
      </ul>
      {moreVoters ? <p className="mt-2 text-sm text-muted">{t("recordVote.more")}</p> : null}
    </section>
  );
}
