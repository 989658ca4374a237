import { Link } from "@remix-run/react";
import { useTranslation } from "~/lib/use-translation";
import { ChallengeTag, CategoryTag, StatusBadge, WinnerBadge } from "~/components/idea-badges";
import { IdeaStanding } from "~/components/idea-standing";
import { IdeaVote } from "~/components/idea-vote";
import type { PromiseContext } from "~/components/reply-promise";
import type { IdeaSummary } from "~/domain/ideas.server";
import { ideaPath } from "~/lib/paths";
import { useFormatters } from "~/lib/format";

type SerializedSummary = Omit<IdeaSummary, "createdAt" | "firstResponse"> & {
  createdAt: Date | string;
  firstResponse: { at: Date | string; by: { id: string; displayName: string } } | null;
};

/**
 * An idea in a list: its votes, status, winner's place, where it stands with the team (answered
 * by whom and how fast, or waiting how long), or, for a merged duplicate, the idea it joined.
 */
export function IdeaRow({
  idea,
  promise,
  hideChallenge,
  budgetSpent,
}: {
  idea: SerializedSummary;
  promise: PromiseContext;
  hideChallenge?: boolean;
  /** The viewer has no votes left in the challenge these ideas belong to. */
  budgetSpent?: boolean;
}) {
  const { t } = useTranslation();
  const { formatRelative, formatDateTime, formatNumber } = useFormatters();
  return (
    <li className="card flex gap-4 p-4">
      <IdeaVote idea={idea} budgetSpent={budgetSpent} />
      <div className="min-w-0 flex-1">
        <h2 className="text-lg font-semibold leading-snug">
          <Link to={ideaPath(idea)} className="hover:text-brand-700 hover:underline">
            {idea.title}
          </Link>
        </h2>
        {idea.excerpt ? <p className="mt-1 line-clamp-2 text-sm text-muted">{idea.excerpt}</p> : null}
        <div className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-muted">
          <StatusBadge status={idea.status} />
          {idea.winner ? <WinnerBadge winner={idea.winner} /> : null}
          <IdeaStanding idea={idea} promise={promise} />
          {idea.category ? <CategoryTag category={idea.category} /> : null}
          {idea.challenge && !hideChallenge ? <ChallengeTag challenge={idea.challenge} /> : null}
          <span>{t("ideas.comments", { count: idea.commentCount, formatted: formatNumber(idea.commentCount) })}</span>
          <span>
            <Link to={`/people/${idea.author.id}`} className="font-medium text-stone-700 hover:underline">
              {idea.author.displayName}
            </Link>
            {" · "}
            <time dateTime={new Date(idea.createdAt).toISOString()} title={formatDateTime(idea.createdAt)} suppressHydrationWarning>
              {formatRelative(idea.createdAt)}
            </time>
          </span>
        </div>
      </div>
    </li>
  );
}
