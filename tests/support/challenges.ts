import { createChallenge, setChallengePublished } from "~/domain/challenges.server";
import { accepted } from "#tests/support/fixtures";
import { plainBody } from "#tests/support/ideas";

export const DAY = 24 * 3600_000;
let counter = 0;

/** A challenge taking ideas for a week from `start`, then voting for a week; published unless `draft`. */
export async function makeChallenge(staffId: string, start: Date, options: { voteBudget?: number | null; draft?: boolean; title?: string } = {}) {
  counter += 1;
  const challenge = accepted(
    await createChallenge({
      slug: `page-challenge-${counter}-${start.getTime()}`,
      title: options.title ?? `Page challenge ${counter}`,
      brief: plainBody("How could we make check-out faster?"),
      submissionOpensAt: start,
      submissionClosesAt: new Date(start.getTime() + 7 * DAY),
      votingOpensAt: new Date(start.getTime() + 7 * DAY),
      votingClosesAt: new Date(start.getTime() + 14 * DAY),
      voteBudget: options.voteBudget === undefined ? 1 : options.voteBudget,
      staffId,
    }),
  );
  if (!options.draft) accepted(await setChallengePublished({ id: challenge.id, published: true, staffId }));
  return challenge;
}
