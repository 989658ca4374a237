import { getZodConstraint } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/lib/use-translation";
import { ChallengeForm } from "~/components/challenge-form";
import { ChallengeDeadline, ChallengePhaseBadge } from "~/components/challenge-phase";
import { FormErrors } from "~/components/forms";
import { RichTextField } from "~/components/rich-text-field";
import { challengePhase } from "~/domain/challenge-phases";
import { getChallengeById, listWinners, publishResults, setChallengePublished, updateChallenge, type Winner } from "~/domain/challenges.server";
import { listChallengeIdeas } from "~/domain/ideas.server";
import { BODY_LIMITS } from "~/lib/body-limits.mjs";
import { now as clockNow } from "~/lib/clock.server";
import { useFormatters } from "~/lib/format";
import { pageTitle } from "~/lib/meta";
import { challengePath } from "~/lib/paths";
import { richBodyFrom } from "~/lib/rich-body.server";
import { timeZoneFromRequest, toLocalDateTime } from "~/lib/time-zone";
import { challengeSchema, RESULT_PLACE_PREFIX } from "~/web/challenge-form";
import { parseChallengeForm } from "~/web/challenge-form.server";
import { requireUser } from "~/web/guards.server";
import { readFormWithFiles, storeImageFile } from "~/web/multipart.server";
import { idFrom } from "~/web/params";
import { badRequest, notFound, refusalResponse } from "~/web/responses.server";

/** How many places can be ranked; more winners are "selected" without a rank. */
const RANKED_PLACES = 10;

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { role: "staff" });
  const challenge = await getChallengeById(idFrom(params.id));
  if (!challenge) throw notFound();
  const now = clockNow();
  const phase = challengePhase(challenge, now);
  const timeZone = timeZoneFromRequest(request);
  const local = (value: Date) => toLocalDateTime(value, timeZone);
  const canAnnounce = phase === "counting" || phase === "finished";
  return {
    challenge: { id: challenge.id, slug: challenge.slug, title: challenge.title, ...windowsOf(challenge), voteBudget: challenge.voteBudget, resultsNoteText: challenge.resultsNoteText, coverId: challenge.coverId },
    phase,
    now: now.getTime(),
    timeZone,
    created: new URL(request.url).searchParams.has("created"),
    constraint: getZodConstraint(challengeSchema),
    defaultValue: {
      title: challenge.title,
      slug: challenge.slug,
      brief: challenge.briefJson,
      submissionOpensAt: local(challenge.submissionOpensAt),
      submissionClosesAt: local(challenge.submissionClosesAt),
      votingOpensAt: local(challenge.votingOpensAt),
      votingClosesAt: local(challenge.votingClosesAt),
      voteBudget: challenge.voteBudget ? String(challenge.voteBudget) : "",
    },
    // The results form: the leading ideas by votes, with any places already given.
    candidates: canAnnounce ? (await listChallengeIdeas({ challengeId: challenge.id, order: "votes", seed: 0, viewerId: null, page: 1 })).ideas : [],
    winners: canAnnounce ? await listWinners(challenge.id) : [],
    // Sent with the page, so that the form's schema module (and zod) stays out of the browser.
    resultPlacePrefix: RESULT_PLACE_PREFIX,
  };
}

function windowsOf(challenge: NonNullable<Awaited<ReturnType<typeof getChallengeById>>>) {
  return {
    publishedAt: challenge.publishedAt,
    resultsPublishedAt: challenge.resultsPublishedAt,
    submissionOpensAt: challenge.submissionOpensAt,
    submissionClosesAt: challenge.submissionClosesAt,
    votingOpensAt: challenge.votingOpensAt,
    votingClosesAt: challenge.votingClosesAt,
  };
}

export const meta: MetaFunction<typeof loader> = ({ matches, data: loaded }) =>
  pageTitle(matches, "admin.challenges.editTitle", { title: loaded?.challenge.title ?? "" });

/** Each idea's place from the results form: "" (none), "selected", or a rank. */
function winnersFrom(formData: FormData): Winner[] {
  const winners: Winner[] = [];
  for (const [name, value] of formData) {
    if (!name.startsWith(RESULT_PLACE_PREFIX) || typeof value !== "string" || value === "") continue;
    const ideaId = Number(name.slice(RESULT_PLACE_PREFIX.length));
    const rank = value === "selected" ? null : Number(value);
    if (!Number.isSafeInteger(ideaId) || (rank !== null && !(Number.isInteger(rank) && rank >= 1 && rank <= RANKED_PLACES))) continue;
    winners.push({ ideaId, rank });
  }
  return winners;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: "staff" });
  const id = idFrom(params.id);
  const challenge = await getChallengeById(id);
  if (!challenge) throw notFound();
  // The challenge's form may carry a cover image; the other forms of the page are plain.
  const { formData, files } = await readFormWithFiles({ request, context }, { files: ["cover"], maxFileBytes: BODY_LIMITS.image });
  const intent = formData.get("intent");

  if (intent === "publish" || intent === "unpublish") {
    const published = await setChallengePublished({ id, published: intent === "publish", staffId: user.id });
    if (!published.ok) {
      if (published.reason === "hasIdeas") return data({ form: "publish" as const, error: "errors.challenge.hasIdeas" }, { status: 409 });
      throw refusalResponse(published.reason);
    }
    return { form: "publish" as const, error: null };
  }

  if (intent === "results") {
    const winners = winnersFrom(formData);
    const note = richBodyFrom(String(formData.get("note") ?? ""));
    const typed = { note: String(formData.get("note") ?? ""), places: Object.fromEntries(winners.map((winner) => [winner.ideaId, winner.rank === null ? "selected" : String(winner.rank)])) };
    if (!note.ok) return data({ form: "results" as const, error: null, noteError: note.reason, typed }, { status: 400 });
    const announced = await publishResults({ challengeId: id, staffId: user.id, winners, note: note.value });
    if (!announced.ok) {
      if (announced.reason === "notFound") throw notFound();
      return data({ form: "results" as const, error: `errors.challenge.${announced.reason}`, noteError: null, typed }, { status: 400 });
    }
    throw redirect(`${challengePath(challenge)}#results`);
  }

  if (intent !== "save") throw badRequest();
  const parsed = parseChallengeForm(formData, timeZoneFromRequest(request));
  if (!parsed.value) return data({ form: "challenge" as const, result: parsed.reply }, { status: 400 });
  const cover = await storeImageFile(files.cover, { kind: "cover", uploaderId: user.id });
  if (!cover.ok) return data({ form: "challenge" as const, result: parsed.submission.reply({ fieldErrors: { cover: [cover.reason] } }) }, { status: 400 });
  const coverId = cover.value ?? (formData.get("removeCover") === "on" ? null : undefined);
  const updated = await updateChallenge(id, { ...parsed.value, coverId, staffId: user.id });
  if (!updated.ok) {
    if (updated.reason === "slugTaken") {
      return data({ form: "challenge" as const, result: parsed.submission.reply({ fieldErrors: { slug: ["errors.challenge.slugTaken"] } }) }, { status: 400 });
    }
    throw refusalResponse(updated.reason);
  }
  return { form: "challenge" as const, result: parsed.submission.reply(), saved: true };
}

export default function ManageChallengePage() {
  const { t } = useTranslation();
  const { challenge, phase, now, timeZone, created, constraint, defaultValue, candidates, winners, resultPlacePrefix } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const published = phase !== "draft";
  // Forms post to the page itself, without ?created=1, so the creation notice shows only once.
  const formAction = `/admin/challenges/${challenge.id}`;
  const publishError = actionData?.form === "publish" ? actionData.error : null;
  const saved = actionData?.form === "challenge" && "saved" in actionData;
  return (
    <>
      <Link to="/admin/challenges" className="text-sm font-medium text-brand-700 hover:underline">
        ← {t("admin.challenges.back")}
      </Link>
      <h1 className="mt-2 text-3xl font-bold">{challenge.title}</h1>
      <div className="mt-2 flex flex-wrap items-center gap-3 text-sm">
        <ChallengePhaseBadge phase={phase} />
        <ChallengeDeadline challenge={challenge} phase={phase} now={now} />
      </div>
      {(created && !actionData) || saved ? (
        <p role="status" className="mt-4 rounded-md border border-green-300 bg-green-50 p-3 text-sm text-green-900">
          {t(created ? "admin.challenges.created" : "admin.challenges.saved")}
        </p>
      ) : null}

      <section aria-labelledby="publishing" className="card mt-6">
        <h2 id="publishing" className="text-lg font-semibold">
          {t("admin.challenges.publishing")}
        </h2>
        <p className="mt-1 text-sm text-muted">{t(published ? "admin.challenges.publishedBody" : "admin.challenges.draftBody")}</p>
        {publishError ? (
          <p role="alert" className="mt-3 rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900">
            {t(publishError)}
          </p>
        ) : null}
        <div className="mt-4 flex flex-wrap gap-3">
          <Form method="post" action={formAction}>
            <button type="submit" name="intent" value={published ? "unpublish" : "publish"} className={published ? "btn-secondary" : "btn-primary"}>
              {t(published ? "admin.challenges.unpublish" : "admin.challenges.publish")}
            </button>
          </Form>
          <Link to={challengePath(challenge)} className="btn-secondary">
            {t(published ? "admin.challenges.view" : "admin.challenges.preview")}
          </Link>
        </div>
      </section>

      {phase === "counting" || phase === "finished" ? (
        <ResultsForm formAction={formAction} resultPlacePrefix={resultPlacePrefix} candidates={candidates} winners={winners} noteText={challenge.resultsNoteText ?? ""} announced={phase === "finished"} />
      ) : null}

      <section aria-labelledby="edit-challenge" className="mt-6">
        <h2 id="edit-challenge" className="text-lg font-semibold">
          {t("admin.challenges.editSection")}
        </h2>
        <div className="mt-3">
          <ChallengeForm
            action={formAction}
            lastResult={actionData?.form === "challenge" ? actionData.result : undefined}
            constraint={constraint}
            defaultValue={defaultValue}
            timeZone={timeZone}
            submitLabel={t("admin.challenges.form.save")}
            cancelTo="/admin/challenges"
            coverId={challenge.coverId}
          />
        </div>
      </section>
    </>
  );
}

type Candidate = ReturnType<typeof useLoaderData<typeof loader>>["candidates"][number];
type ExistingWinner = ReturnType<typeof useLoaderData<typeof loader>>["winners"][number];

/** After voting closes: give places to the leading ideas and sign a note; the page announces them. */
function ResultsForm({
  formAction,
  resultPlacePrefix,
  candidates,
  winners,
  noteText,
  announced,
}: {
  formAction: string;
  resultPlacePrefix: string;
  candidates: Candidate[];
  winners: ExistingWinner[];
  noteText: string;
  announced: boolean;
}) {
  const { t } = useTranslation();
  const { formatNumber } = useFormatters();
  const busy = useNavigation().state === "submitting";
  const actionData = useActionData<typeof action>();
  const failed = actionData?.form === "results" ? actionData : null;
  const places = failed?.typed.places ?? Object.fromEntries(winners.map((winner) => [winner.ideaId, winner.rank === null ? "selected" : String(winner.rank)]));
  return (
    <section aria-labelledby="results-form" className="card mt-6">
      <h2 id="results-form" className="text-lg font-semibold">
        {t(announced ? "admin.challenges.results.titleAnnounced" : "admin.challenges.results.title")}
      </h2>
      <p className="mt-1 text-sm text-muted">{t("admin.challenges.results.intro")}</p>
      {candidates.length === 0 ? (
        <p className="mt-4 text-muted">{t("admin.challenges.results.noIdeas")}</p>
      ) : (
        <Form method="post" action={formAction} className="mt-4 space-y-4" key={failed ? "failed" : "fresh"}>
          <input type="hidden" name="intent" value="results" />
          <FormErrors id="results-errors" errors={failed?.error ? [failed.error] : undefined} />
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{t("admin.challenges.results.caption")}</caption>
            <thead>
              <tr className="border-b border-stone-300">
                <th scope="col" className="p-2">
                  {t("admin.challenges.results.idea")}
                </th>
                <th scope="col" className="p-2">
                  {t("admin.challenges.results.votes")}
                </th>
                <th scope="col" className="p-2">
                  {t("admin.challenges.results.place")}
                </th>
              </tr>
            </thead>
            <tbody>
              {candidates.map((idea) => (
                <tr key={idea.id} className="border-b border-stone-200">
                  <th scope="row" className="p-2 font-medium">
                    {idea.title}
                  </th>
                  <td className="p-2">{formatNumber(idea.voteCount)}</td>
                  <td className="p-2">
                    <select
                      name={`${resultPlacePrefix}${idea.id}`}
                      defaultValue={places[idea.id] ?? ""}
                      aria-label={t("admin.challenges.results.placeFor", { title: idea.title })}
                      className="input"
                    >
                      <option value="">{t("admin.challenges.results.none")}</option>
                      {Array.from({ length: RANKED_PLACES }, (_, index) => (
                        <option key={index} value={index + 1}>
                          {t("challenges.results.place", { ordinal: true, count: index + 1 })}
                        </option>
                      ))}
                      <option value="selected">{t("challenges.results.selected")}</option>
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <RichTextField
            name="note"
            id="results-note"
            label={t("admin.challenges.results.note")}
            hint={t("admin.challenges.results.noteHint")}
            defaultValue={failed?.typed.note ?? noteText}
            errors={failed?.noteError ? [failed.noteError] : undefined}
            errorId="results-note-error"
            descriptionId="results-note-hint"
            variant="light"
            rows={4}
          />
          <button type="submit" className="btn-primary" disabled={busy}>
            {t(announced ? "admin.challenges.results.update" : "admin.challenges.results.publish")}
          </button>
        </Form>
      )}
    </section>
  );
}
