import { useTranslation } from "~/lib/use-translation";
import { phaseDeadline, type ChallengePhase, type ChallengeWindows } from "~/domain/challenge-phases";
import { clsx } from "~/lib/clsx";
import { formatRelative, formatZonedDateTime } from "~/lib/format";
import { useTimeZone } from "~/lib/use-time-zone";

const PHASE_STYLES: Record<ChallengePhase, string> = {
  draft: "bg-stone-100 text-stone-800 border-stone-300",
  upcoming: "bg-sky-50 text-sky-900 border-sky-300",
  submission: "bg-green-50 text-green-900 border-green-300",
  reviewing: "bg-amber-50 text-amber-900 border-amber-300",
  voting: "bg-violet-50 text-violet-900 border-violet-300",
  counting: "bg-amber-50 text-amber-900 border-amber-300",
  finished: "bg-stone-100 text-stone-800 border-stone-300",
};

export function ChallengePhaseBadge({ phase }: { phase: ChallengePhase }) {
  const { t } = useTranslation();
  return (
    <span className={clsx("inline-flex items-center rounded-full border px-2 py-0.5 text-xs font-semibold", PHASE_STYLES[phase])}>
      {t(`challenges.phase.${phase}`)}
    </span>
  );
}

/**
 * What happens next and when, in the reader's time zone and language: "Ideas welcome until
 * Friday, 4 December 2026 at 18:00 CET (in 3 days)". Time left is counted from the server's
 * `now`, so the server and the browser print the same words.
 */
export function ChallengeDeadline({ challenge, phase, now }: { challenge: ChallengeWindows; phase: ChallengePhase; now: number }) {
  const { t, i18n } = useTranslation();
  const timeZone = useTimeZone();
  const deadline = phaseDeadline(challenge, phase);
  if (!deadline) return <span>{t(`challenges.deadline.${phase}`)}</span>;
  return (
    <span>
      {t(`challenges.deadline.${phase}`, {
        date: formatZonedDateTime(i18n.language, timeZone, deadline),
        // A deadline counts in days ("in 10 days"), not in rounded weeks.
        left: formatRelative(i18n.language, deadline, now, "day"),
      })}
    </span>
  );
}

/** Both windows, start to end, in the reader's time zone. */
export function ChallengeWindowsList({ challenge }: { challenge: ChallengeWindows }) {
  const { t, i18n } = useTranslation();
  const timeZone = useTimeZone();
  const format = (value: Date | string | number) => formatZonedDateTime(i18n.language, timeZone, value);
  return (
    <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
      <dt className="font-semibold">{t("challenges.windows.submission")}</dt>
      <dd>{t("challenges.windows.range", { from: format(challenge.submissionOpensAt), to: format(challenge.submissionClosesAt) })}</dd>
      <dt className="font-semibold">{t("challenges.windows.voting")}</dt>
      <dd>{t("challenges.windows.range", { from: format(challenge.votingOpensAt), to: format(challenge.votingClosesAt) })}</dd>
    </dl>
  );
}
