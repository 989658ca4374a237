import { describe, expect, it } from "vitest";
import { CHALLENGE_GROUPS, CHALLENGE_PHASES, challengeGroup, challengePhase, phaseDeadline, type ChallengeWindows } from "~/domain/challenge-phases";

const DAY = 24 * 3600 * 1000;
const published = new Date("2031-02-20T09:00:00Z");
const submissionOpensAt = new Date("2031-03-01T09:00:00Z");
const submissionClosesAt = new Date(submissionOpensAt.getTime() + 7 * DAY);
const votingOpensAt = new Date(submissionOpensAt.getTime() + 10 * DAY);
const votingClosesAt = new Date(submissionOpensAt.getTime() + 14 * DAY);

const challenge: ChallengeWindows = {
  publishedAt: published,
  submissionOpensAt,
  submissionClosesAt,
  votingOpensAt,
  votingClosesAt,
  resultsPublishedAt: null,
};

const at = (date: Date, offsetMs = 0) => new Date(date.getTime() + offsetMs);

describe("challengePhase", () => {
  it("is upcoming until the last millisecond before submission opens, then submission at its first instant", () => {
    expect(challengePhase(challenge, at(published))).toBe("upcoming");
    expect(challengePhase(challenge, at(submissionOpensAt, -1))).toBe("upcoming");
    expect(challengePhase(challenge, at(submissionOpensAt))).toBe("submission");
  });

  it("closes submission at submissionClosesAt itself (the closing instant belongs to the next phase)", () => {
    expect(challengePhase(challenge, at(submissionClosesAt, -1))).toBe("submission");
    expect(challengePhase(challenge, at(submissionClosesAt))).toBe("reviewing");
  });

  it("is reviewing between the windows and voting from votingOpensAt on", () => {
    expect(challengePhase(challenge, at(votingOpensAt, -1))).toBe("reviewing");
    expect(challengePhase(challenge, at(votingOpensAt))).toBe("voting");
  });

  it("closes voting at votingClosesAt itself, then waits for results (counting)", () => {
    expect(challengePhase(challenge, at(votingClosesAt, -1))).toBe("voting");
    expect(challengePhase(challenge, at(votingClosesAt))).toBe("counting");
    expect(challengePhase(challenge, at(votingClosesAt, 365 * DAY))).toBe("counting");
  });

  it("skips reviewing when voting opens the instant submission closes", () => {
    const backToBack = { ...challenge, votingOpensAt: submissionClosesAt };
    expect(challengePhase(backToBack, at(submissionClosesAt, -1))).toBe("submission");
    expect(challengePhase(backToBack, at(submissionClosesAt))).toBe("voting");
  });

  it("is draft while unpublished, whatever the time", () => {
    const draft = { ...challenge, publishedAt: null };
    for (const time of [at(submissionOpensAt, -1), at(submissionOpensAt), at(votingOpensAt), at(votingClosesAt)]) {
      expect(challengePhase(draft, time)).toBe("draft");
    }
  });

  it("is finished once results are published, and stays finished", () => {
    const finished = { ...challenge, resultsPublishedAt: at(votingClosesAt, DAY) };
    expect(challengePhase(finished, at(votingClosesAt, DAY))).toBe("finished");
    expect(challengePhase(finished, at(votingClosesAt, 400 * DAY))).toBe("finished");
  });

  it("accepts the windows as they arrive in page data: ISO strings and epoch milliseconds", () => {
    const serialized: ChallengeWindows = {
      publishedAt: published.toISOString(),
      submissionOpensAt: submissionOpensAt.toISOString(),
      submissionClosesAt: submissionClosesAt.getTime(),
      votingOpensAt: votingOpensAt.toISOString(),
      votingClosesAt: votingClosesAt.toISOString(),
      resultsPublishedAt: null,
    };
    expect(challengePhase(serialized, submissionOpensAt.getTime() - 1)).toBe("upcoming");
    expect(challengePhase(serialized, submissionOpensAt.getTime())).toBe("submission");
    expect(challengePhase(serialized, submissionClosesAt.getTime())).toBe("reviewing");
    expect(challengePhase(serialized, votingOpensAt.getTime())).toBe("voting");
    expect(challengePhase(serialized, votingClosesAt.getTime())).toBe("counting");
  });
});

describe("phaseDeadline", () => {
  it("is the instant that ends the current phase", () => {
    expect(phaseDeadline(challenge, "upcoming")).toEqual(submissionOpensAt);
    expect(phaseDeadline(challenge, "submission")).toEqual(submissionClosesAt);
    expect(phaseDeadline(challenge, "reviewing")).toEqual(votingOpensAt);
    expect(phaseDeadline(challenge, "voting")).toEqual(votingClosesAt);
  });

  it("is null for drafts and once voting has closed", () => {
    expect(phaseDeadline(challenge, "draft")).toBeNull();
    expect(phaseDeadline(challenge, "counting")).toBeNull();
    expect(phaseDeadline(challenge, "finished")).toBeNull();
  });

  it("matches the boundary where challengePhase changes", () => {
    for (const time of [at(published), at(submissionOpensAt), at(submissionClosesAt), at(votingOpensAt)]) {
      const phase = challengePhase(challenge, time);
      const deadline = phaseDeadline(challenge, phase)!;
      expect(challengePhase(challenge, at(deadline, -1))).toBe(phase);
      expect(challengePhase(challenge, deadline)).not.toBe(phase);
    }
  });

  it("returns Dates for windows given as strings", () => {
    const serialized = { ...challenge, votingClosesAt: votingClosesAt.toISOString() };
    expect(phaseDeadline(serialized, "voting")).toEqual(votingClosesAt);
  });
});

describe("challengeGroup", () => {
  it("groups the /challenges page: open for ideas, voting (including reviewing), upcoming, finished (including counting)", () => {
    expect(Object.fromEntries(CHALLENGE_PHASES.map((phase) => [phase, challengeGroup(phase)]))).toEqual({
      draft: null,
      upcoming: "upcoming",
      submission: "submission",
      reviewing: "voting",
      voting: "voting",
      counting: "finished",
      finished: "finished",
    });
  });

  it("lists the groups in page order", () => {
    expect(CHALLENGE_GROUPS).toEqual(["submission", "voting", "upcoming", "finished"]);
  });
});
