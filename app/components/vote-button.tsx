import { useFetcher, useLocation } from "@remix-run/react";
import { useTranslation } from "~/lib/use-translation";
import { useFormatters } from "~/lib/format";
import { clsx } from "~/lib/clsx";
import { useHydrated } from "~/lib/use-hydrated";

type VoteResult = { voted: boolean; voteCount: number } | { refused: "votingNotOpen" | "budgetSpent" | "unverified" };

/**
 * A plain form (POST /ideas/:id/vote) that works without JavaScript; with JavaScript it
 * submits in the background and shows the new count at once (optimistic update). A vote the
 * server refuses (a challenge's closed voting or spent budget) is rolled back and explained.
 * When the person's vote budget in the idea's challenge is spent, the button is disabled and
 * says why (a vote already given can still be taken back).
 */
export function VoteButton({
  ideaId,
  ideaTitle,
  voted,
  voteCount,
  budgetSpent = false,
}: {
  ideaId: number;
  ideaTitle: string;
  voted: boolean;
  voteCount: number;
  budgetSpent?: boolean;
}) {
  const { t } = useTranslation();
  const { formatNumber } = useFormatters();
  const fetcher = useFetcher<VoteResult>();
  const location = useLocation();
  const enhanced = useHydrated();
  const accepted = fetcher.data && "voted" in fetcher.data ? fetcher.data : null;
  const refused = fetcher.state === "idle" && fetcher.data && "refused" in fetcher.data ? fetcher.data.refused : null;

  let shownVoted = accepted?.voted ?? voted;
  let shownCount = accepted?.voteCount ?? voteCount;
  if (fetcher.formData) {
    const wanted = fetcher.formData.get("wanted") === "true";
    if (wanted !== shownVoted) {
      shownCount += wanted ? 1 : -1;
      shownVoted = wanted;
    }
  }

  const blocked = budgetSpent && !shownVoted;
  const label = t(shownVoted ? "votes.unvoteLabel" : "votes.voteLabel", { title: ideaTitle, count: shownCount });

  return (
    <fetcher.Form method="post" action={`/ideas/${ideaId}/vote`} className="w-16 shrink-0">
      <input type="hidden" name="wanted" value={String(!shownVoted)} />
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      {enhanced ? <input type="hidden" name="enhanced" value="1" /> : null}
      <button
        type="submit"
        aria-pressed={shownVoted}
        aria-label={blocked ? `${label}. ${t("votes.budgetSpent")}` : label}
        disabled={blocked}
        className={clsx(
          "flex w-16 flex-col items-center rounded-md border px-2 py-1.5 text-sm font-semibold",
          blocked
            ? "cursor-not-allowed border-dashed border-stone-300 bg-stone-100 text-stone-500"
            : shownVoted
              ? "border-brand-700 bg-brand-700 text-white hover:bg-brand-800"
              : "border-stone-400 bg-white text-ink hover:bg-stone-100",
        )}
      >
        <span aria-hidden="true">▲</span>
        <span>{formatNumber(shownCount)}</span>
      </button>
      <p role="alert" className="mt-1 text-xs font-medium text-red-800">
        {refused ? t(`votes.refused.${refused}`) : null}
      </p>
      {blocked && !refused ? (
        <p aria-hidden="true" className="text-center text-xs text-muted">
          {t("votes.refused.budgetSpent")}
        </p>
      ) : null}
    </fetcher.Form>
  );
}

/** The count alone, for an idea whose challenge is not taking votes now. */
export function VoteCount({ voteCount, reason }: { voteCount: number; reason: string }) {
  const { t } = useTranslation();
  const { formatNumber } = useFormatters();
  return (
    <div className="flex w-16 shrink-0 flex-col items-center rounded-md border border-stone-300 bg-stone-50 px-2 py-1.5 text-sm font-semibold text-stone-700" title={reason}>
      <span>{formatNumber(voteCount)}</span>
      <span className="text-xs font-normal">{t("votes.countShort", { count: voteCount })}</span>
      <span className="sr-only">{reason}</span>
    </div>
  );
}
