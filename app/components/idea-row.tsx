import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ChallengeTag, CategoryTag, StatusBadge } from "~/components/idea-badges";
import { VoteButton, VoteCount } from "~/components/vote-button";
import type { IdeaSummary } from "~/domain/ideas.server";
import { ideaPath } from "~/lib/paths";
import { useFormatters } from "~/lib/format";

type SerializedSummary = Omit<IdeaSummary, "createdAt"> & { createdAt: Date | string };

/** `budgetSpent`: the viewer has no votes left in the challenge these ideas belong to. */
export function IdeaRow({ idea, hideChallenge, budgetSpent }: { idea: SerializedSummary; hideChallenge?: boolean; budgetSpent?: boolean }) {
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

/**
 * The vote button, or only the count where no vote can be taken: a merged duplicate (its votes
 * went to the idea it repeats) or an idea whose challenge is not taking votes now.
 */
export function IdeaVote({
  idea,
  budgetSpent,
}: {
  idea: Pick<SerializedSummary, "id" | "title" | "status" | "voted" | "voteCount" | "challenge">;
  budgetSpent?: boolean;
}) {
  const { t } = useTranslation();
  if (idea.status === "duplicate") return <VoteCount voteCount={idea.voteCount} reason={t("votes.mergedDuplicate")} />;
  if (idea.challenge && !idea.challenge.votingOpen) {
    return <VoteCount voteCount={idea.voteCount} reason={t("votes.challengeClosed", { challenge: idea.challenge.title })} />;
  }
  return <VoteButton ideaId={idea.id} ideaTitle={idea.title} voted={idea.voted} voteCount={idea.voteCount} budgetSpent={budgetSpent} />;
}
