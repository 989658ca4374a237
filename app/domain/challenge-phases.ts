/**
 * A challenge's phase follows from its windows and the time. Each window opens at its first
 * instant and closes at its last: `opensAt <= now < closesAt`. Shared by server and pages.
 */
export const CHALLENGE_PHASES = ["draft", "upcoming", "submission", "reviewing", "voting", "counting", "finished"] as const;
export type ChallengePhase = (typeof CHALLENGE_PHASES)[number];

export type ChallengeWindows = {
  publishedAt: Date | string | number | null;
  submissionOpensAt: Date | string | number;
  submissionClosesAt: Date | string | number;
  votingOpensAt: Date | string | number;
  votingClosesAt: Date | string | number;
  resultsPublishedAt: Date | string | number | null;
};

const ms = (value: Date | string | number) => new Date(value).getTime();

export function challengePhase(challenge: ChallengeWindows, now: Date | number): ChallengePhase {
  const time = ms(now);
  if (!challenge.publishedAt) return "draft";
  if (challenge.resultsPublishedAt) return "finished";
  if (time < ms(challenge.submissionOpensAt)) return "upcoming";
  if (time < ms(challenge.submissionClosesAt)) return "submission";
  if (time < ms(challenge.votingOpensAt)) return "reviewing";
  if (time < ms(challenge.votingClosesAt)) return "voting";
  return "counting";
}

/** The next moment that changes the phase, shown as the deadline; null once voting has closed. */
export function phaseDeadline(challenge: ChallengeWindows, phase: ChallengePhase): Date | null {
  switch (phase) {
    case "upcoming":
      return new Date(challenge.submissionOpensAt);
    case "submission":
      return new Date(challenge.submissionClosesAt);
    case "reviewing":
      return new Date(challenge.votingOpensAt);
    case "voting":
      return new Date(challenge.votingClosesAt);
    default:
      return null;
  }
}

/** How /challenges groups published challenges, in page order. */
export const CHALLENGE_GROUPS = ["submission", "voting", "upcoming", "finished"] as const;
export type ChallengeGroup = (typeof CHALLENGE_GROUPS)[number];

export function challengeGroup(phase: ChallengePhase): ChallengeGroup | null {
  switch (phase) {
    case "submission":
      return "submission";
    case "reviewing":
    case "voting":
      return "voting";
    case "upcoming":
      return "upcoming";
    case "counting":
    case "finished":
      return "finished";
    default:
      return null;
  }
}
