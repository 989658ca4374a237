import { useTranslation } from "~/lib/use-translation";
import { VoteButton, VoteCount } from "~/components/vote-button";
import type { IdeaSummary } from "~/domain/ideas.server";

/**
 * The vote button, or only the count where no vote can be taken: a merged duplicate (its votes
 * went to the idea it repeats) or an idea whose challenge is not taking votes now.
 */
export function IdeaVote({
  idea,
  budgetSpent,
}: {
  idea: Pick<IdeaSummary, "id" | "title" | "status" | "voted" | "voteCount" | "challenge">;
  budgetSpent?: boolean;
}) {
  const { t } = useTranslation();
  if (idea.status === "duplicate") return <VoteCount voteCount={idea.voteCount} reason={t("votes.mergedDuplicate")} />;
  if (idea.challenge && !idea.challenge.votingOpen) {
    return <VoteCount voteCount={idea.voteCount} reason={t("votes.challengeClosed", { challenge: idea.challenge.title })} />;
  }
  return <VoteButton ideaId={idea.id} ideaTitle={idea.title} voted={idea.voted} voteCount={idea.voteCount} budgetSpent={budgetSpent} />;
}
