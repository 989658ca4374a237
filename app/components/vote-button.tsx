import { useFetcher, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useFormatters } from "~/lib/format";
import { clsx } from "~/lib/clsx";
import { useHydrated } from "~/lib/use-hydrated";

/**
 * A plain form (POST /ideas/:id/vote) that works without JavaScript; with JavaScript it
 * submits in the background and shows the new count at once (optimistic update).
 */
export function VoteButton({ ideaId, ideaTitle, voted, voteCount }: { ideaId: number; ideaTitle: string; voted: boolean; voteCount: number }) {
  const { t } = useTranslation();
  const { formatNumber } = useFormatters();
  const fetcher = useFetcher<{ voted: boolean; voteCount: number }>();
  const location = useLocation();
  const enhanced = useHydrated();

  let shownVoted = fetcher.data?.voted ?? voted;
  let shownCount = fetcher.data?.voteCount ?? voteCount;
  if (fetcher.formData) {
    const wanted = fetcher.formData.get("wanted") === "true";
    if (wanted !== shownVoted) {
      shownCount += wanted ? 1 : -1;
      shownVoted = wanted;
    }
  }

  return (
    <fetcher.Form method="post" action={`/ideas/${ideaId}/vote`} className="shrink-0">
      <input type="hidden" name="wanted" value={String(!shownVoted)} />
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      {enhanced ? <input type="hidden" name="enhanced" value="1" /> : null}
      <button
        type="submit"
        aria-pressed={shownVoted}
        aria-label={t(shownVoted ? "votes.unvoteLabel" : "votes.voteLabel", { title: ideaTitle, count: shownCount })}
        className={clsx(
          "flex w-16 flex-col items-center rounded-md border px-2 py-1.5 text-sm font-semibold",
          shownVoted ? "border-brand-700 bg-brand-700 text-white hover:bg-brand-800" : "border-stone-400 bg-white text-ink hover:bg-stone-100",
        )}
      >
        <span aria-hidden="true">▲</span>
        <span>{formatNumber(shownCount)}</span>
      </button>
    </fetcher.Form>
  );
}
