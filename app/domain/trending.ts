/** Seconds of recency worth a tenfold difference in votes. See docs/trending.md. */
export const TRENDING_TIMESCALE_SECONDS = 4 * 24 * 60 * 60;

/** A score fixed at write time: log10 of the votes plus the creation time in timescales. Its SQL twin, for the one UPDATE of a vote: `changeVoteCount` (votes.server.ts). */
export function trendingScore(votes: number, createdAt: Date) {
  return Math.log10(Math.max(votes, 1)) + createdAt.getTime() / 1000 / TRENDING_TIMESCALE_SECONDS;
}
