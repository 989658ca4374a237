import { asc, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { ideas as ideasTable, type Role } from "#db/tables";
import { challengePhase } from "~/domain/challenge-phases";
import {
  announceOpenedVoting,
  budgetFor,
  challengesOpenForIdeas,
  createChallenge,
  getChallenge,
  getChallengeById,
  listPublishedChallenges,
  listWinners,
  publishResults,
  setChallengePublished,
  updateChallenge,
  votesUsed,
  type ChallengeInput,
} from "~/domain/challenges.server";
import { listWaiting } from "~/domain/boards.server";
import { getThread } from "~/domain/comments.server";
import { isFollowing } from "~/domain/follows.server";
import { CHALLENGE_IDEAS_PAGE_SIZE, createIdea, getIdea, listChallengeIdeas } from "~/domain/ideas.server";
import { listNotifications } from "~/domain/notifications.server";
import { setVote } from "~/domain/votes.server";
import { db, transaction } from "~/lib/db.server";
import { exec, row } from "#tests/support/db";
import { notificationEmailsTo as emailsTo } from "#tests/support/mail";
import { accepted, ensureSite, makePerson } from "#tests/support/fixtures";
import { makeIdea, plainBody } from "#tests/support/ideas";

beforeAll(ensureSite);

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
const shift = (date: Date, ms: number) => new Date(date.getTime() + ms);

/** Where most challenges here start taking ideas; each window follows a fixed schedule. */
const START = new Date("2031-03-01T09:00:00.000Z");

function windowsFrom(start: Date) {
  return {
    submissionOpensAt: start,
    submissionClosesAt: shift(start, 7 * DAY),
    votingOpensAt: shift(start, 10 * DAY),
    votingClosesAt: shift(start, 14 * DAY),
  };
}

type Person = { id: string; role: Role; email: string; displayName: string };

let challengeCounter = 0;

function challengeInput(staff: Person, options: { start?: Date; voteBudget?: number | null; slug?: string; title?: string } = {}): ChallengeInput & { staffId: string } {
  challengeCounter += 1;
  return {
    slug: options.slug ?? `challenge-${challengeCounter}`,
    title: options.title ?? `Challenge number ${challengeCounter}`,
    brief: plainBody("How could our shops waste less packaging?"),
    ...windowsFrom(options.start ?? START),
    voteBudget: options.voteBudget === undefined ? null : options.voteBudget,
    staffId: staff.id,
  };
}

/** A challenge, published a week before it takes ideas unless `draft`. */
async function makeChallenge(
  staff: Person,
  options: { start?: Date; voteBudget?: number | null; slug?: string; title?: string; draft?: boolean; publisher?: Person } = {},
) {
  const input = challengeInput(staff, options);
  const created = accepted(await createChallenge({ ...input, now: shift(input.submissionOpensAt, -8 * DAY) }));
  if (!options.draft) {
    accepted(await setChallengePublished({ id: created.id, published: true, staffId: (options.publisher ?? staff).id, now: shift(input.submissionOpensAt, -7 * DAY) }));
  }
  const challenge = (await getChallengeById(created.id))!;
  return {
    ...challenge,
    /** Instants well inside each phase. */
    during: {
      submission: shift(challenge.submissionOpensAt, HOUR),
      reviewing: shift(challenge.submissionClosesAt, HOUR),
      voting: shift(challenge.votingOpensAt, HOUR),
      counting: shift(challenge.votingClosesAt, HOUR),
    },
  };
}
type TestChallenge = Awaited<ReturnType<typeof makeChallenge>>;

/** Submits an idea to the challenge; the domain's answer (the idea, or why not). */
function submit(challenge: { id: number }, author: Person, title: string, now: Date) {
  return createIdea({ authorId: author.id, title, body: plainBody(`${title}: the details.`), categoryId: null, challengeId: challenge.id, now });
}

/** Submits an idea that must be accepted. */
async function submitIdea(challenge: { id: number }, author: Person, title: string, now: Date) {
  return accepted(await submit(challenge, author, title, now));
}

/** Ideas from distinct authors, submitted while the challenge takes ideas. */
async function submitIdeas(challenge: TestChallenge, n: number) {
  const ideas = [];
  for (let i = 0; i < n; i += 1) {
    ideas.push(await submitIdea(challenge, await makePerson(), `Proposal ${i + 1} for ${challenge.slug}`, shift(challenge.during.submission, i * 1000)));
  }
  return ideas;
}

/** Why the domain refused, or "no error". */
function reasonOf(result: { ok: true } | { ok: false; reason: string }) {
  return result.ok ? "no error" : result.reason;
}

/** A vote as the person sees it: the new state and count, or why it was refused. */
async function vote(ideaId: number, userId: string, wanted: boolean, now: Date) {
  const result = await setVote(ideaId, userId, wanted, now);
  return result.ok ? result.value : { refused: result.reason };
}

/** The denormalized count in the idea row and the number of vote rows. */
async function counts(ideaId: number) {
  return (await row<{ inRow: number; rows: number }>(
    sql`select vote_count as "inRow", (select count(*) from votes where idea_id = ${ideaId}) as rows from ideas where id = ${ideaId}`,
  ))!;
}

async function expectCountsAgree(ideaIds: number[]) {
  for (const id of ideaIds) {
    const { inRow, rows } = await counts(id);
    expect(inRow, `idea ${id}`).toBe(rows);
  }
}

async function notificationsOf(person: Person, kind: "challenge_voting" | "challenge_results", challenge: { slug: string }) {
  return (await listNotifications(person.id)).notifications.filter((n) => n.kind === kind && n.challengeSlug === challenge.slug);
}


describe("creating and publishing challenges", () => {
  it("refuses a slug another challenge already has, on create and on update", async () => {
    const staff = await makePerson("staff");
    const first = await makeChallenge(staff, { slug: "less-packaging" });
    expect(reasonOf(await createChallenge(challengeInput(staff, { slug: "less-packaging" })))).toBe("slugTaken");
    const second = await makeChallenge(staff, { slug: "faster-checkout" });
    expect(reasonOf(await updateChallenge(second.id, challengeInput(staff, { slug: "less-packaging" })))).toBe("slugTaken");
    // Keeping its own slug is not "taken".
    expect(reasonOf(await updateChallenge(first.id, { ...challengeInput(staff, { slug: "less-packaging" }), title: "Less packaging, renamed" }))).toBe("no error");
    expect((await getChallenge("less-packaging"))?.title).toBe("Less packaging, renamed");
  });

  it("starts as a draft that only staff see: hidden from getChallenge and from the public list", async () => {
    const staff = await makePerson("staff");
    const draft = await makeChallenge(staff, { draft: true });
    expect(draft.publishedAt).toBeNull();
    expect(await getChallenge(draft.slug)).toBeNull();
    expect(await getChallenge(draft.slug, { includeDrafts: true })).toMatchObject({ id: draft.id, publishedAt: null });
    expect((await listPublishedChallenges(draft.during.submission)).map((c) => c.id)).not.toContain(draft.id);
    expect((await challengesOpenForIdeas(draft.during.submission)).map((c) => c.id)).not.toContain(draft.id);

    accepted(await setChallengePublished({ id: draft.id, published: true, staffId: staff.id, now: shift(draft.submissionOpensAt, -DAY) }));
    expect(await getChallenge(draft.slug)).toMatchObject({ id: draft.id, publishedById: staff.id });
    const listed = (await listPublishedChallenges(draft.during.submission)).find((c) => c.id === draft.id);
    expect(listed).toMatchObject({ phase: "submission", ideaCount: 0 });
  });

  it("can be unpublished while it has no ideas, but not once an idea was submitted", async () => {
    const staff = await makePerson("staff");
    const challenge = await makeChallenge(staff);
    accepted(await setChallengePublished({ id: challenge.id, published: false, staffId: staff.id }));
    expect(await getChallenge(challenge.slug)).toBeNull();
    accepted(await setChallengePublished({ id: challenge.id, published: true, staffId: staff.id, now: shift(challenge.submissionOpensAt, -DAY) }));

    await submitIdea(challenge, await makePerson(), "Refill stations in every shop", challenge.during.submission);
    expect(reasonOf(await setChallengePublished({ id: challenge.id, published: false, staffId: staff.id }))).toBe("hasIdeas");
    expect((await getChallenge(challenge.slug))?.publishedAt).not.toBeNull();
  });

  it("reports notFound for a challenge that does not exist", async () => {
    const staff = await makePerson("staff");
    expect(reasonOf(await setChallengePublished({ id: 999_999, published: true, staffId: staff.id }))).toBe("notFound");
    expect(reasonOf(await updateChallenge(999_999, challengeInput(staff)))).toBe("notFound");
  });

  it("lists published challenges with their phase at the given time", async () => {
    const staff = await makePerson("staff");
    const challenge = await makeChallenge(staff);
    const phaseAt = async (now: Date) => (await listPublishedChallenges(now)).find((c) => c.id === challenge.id)?.phase;
    expect(await phaseAt(shift(challenge.submissionOpensAt, -1))).toBe("upcoming");
    expect(await phaseAt(challenge.submissionOpensAt)).toBe("submission");
    expect(await phaseAt(challenge.during.reviewing)).toBe("reviewing");
    expect(await phaseAt(challenge.during.voting)).toBe("voting");
    expect(await phaseAt(challenge.during.counting)).toBe("counting");
  });

  it("within the same phase, lists the soonest deadline first", async () => {
    const staff = await makePerson("staff");
    const start = new Date("2032-05-01T09:00:00.000Z");
    // Opens first but closes last: a long submission window.
    const long = await makeChallenge(staff, { start, title: "Long window" });
    await updateChallenge(long.id, {
      ...challengeInput(staff, { slug: long.slug, title: "Long window" }),
      submissionOpensAt: start,
      submissionClosesAt: shift(start, 30 * DAY),
      votingOpensAt: shift(start, 31 * DAY),
      votingClosesAt: shift(start, 32 * DAY),
    });
    // Opens a day later and closes a week after opening.
    const short = await makeChallenge(staff, { start: shift(start, DAY), title: "Short window" });
    const now = shift(start, 2 * DAY);
    const submission = (await listPublishedChallenges(now)).filter((c) => c.phase === "submission" && [long.id, short.id].includes(c.id));
    expect(submission.map((c) => c.title)).toEqual(["Short window", "Long window"]);
  });
});

describe("submitting ideas to a challenge", () => {
  it("is refused 1 ms before submission opens, accepted at the opening instant, refused at the closing instant", async () => {
    const staff = await makePerson("staff");
    const author = await makePerson();
    const challenge = await makeChallenge(staff);
    expect(reasonOf(await submit(challenge, author, "Too early", shift(challenge.submissionOpensAt, -1)))).toBe("notOpenForIdeas");
    const onTime = await submitIdea(challenge, author, "Right on time", challenge.submissionOpensAt);
    expect(onTime.challengeId).toBe(challenge.id);
    expect(reasonOf(await submit(challenge, author, "Last moment", shift(challenge.submissionClosesAt, -1)))).toBe("no error");
    expect(reasonOf(await submit(challenge, author, "Too late", challenge.submissionClosesAt))).toBe("notOpenForIdeas");
    expect(reasonOf(await submit(challenge, author, "During voting", challenge.during.voting))).toBe("notOpenForIdeas");
    const titles = (await db.select({ title: ideasTable.title }).from(ideasTable).where(eq(ideasTable.challengeId, challenge.id)).orderBy(asc(ideasTable.id))).map((r) => r.title);
    expect(titles).toEqual(["Right on time", "Last moment"]);
  });

  it("is refused for a draft challenge even inside its window, and for a challenge that does not exist", async () => {
    const staff = await makePerson("staff");
    const author = await makePerson();
    const draft = await makeChallenge(staff, { draft: true });
    expect(reasonOf(await submit(draft, author, "Into a draft", draft.during.submission))).toBe("notOpenForIdeas");
    expect(reasonOf(await submit({ id: 999_999 }, author, "Into nothing", draft.during.submission))).toBe("notFound");
  });

  it("offers the challenge on the idea form only while it takes ideas", async () => {
    const staff = await makePerson("staff");
    const challenge = await makeChallenge(staff, { start: new Date("2033-01-10T09:00:00.000Z") });
    const offered = async (now: Date) => (await challengesOpenForIdeas(now)).some((c) => c.id === challenge.id);
    expect(await offered(shift(challenge.submissionOpensAt, -1))).toBe(false);
    expect(await offered(challenge.submissionOpensAt)).toBe(true);
    expect(await offered(shift(challenge.submissionClosesAt, -1))).toBe(true);
    expect(await offered(challenge.submissionClosesAt)).toBe(false);
  });

  it("starts a challenge idea with no votes, not even its author's, and the author follows it", async () => {
    const staff = await makePerson("staff");
    const author = await makePerson();
    const challenge = await makeChallenge(staff);
    const idea = await submitIdea(challenge, author, "Deposit on glass jars", challenge.during.submission);
    expect(idea.voteCount).toBe(0);
    expect(await counts(idea.id)).toEqual({ inRow: 0, rows: 0 });
    expect(await getIdea(idea.id, author.id)).toMatchObject({ voteCount: 0, voted: false });
    expect(await isFollowing(idea.id, author.id)).toBe(true);
    // An idea outside any challenge still starts with its author's vote.
    expect(await counts((await makeIdea(author.id, "Ordinary idea")).id)).toEqual({ inRow: 1, rows: 1 });
  });
});

describe("voting on a challenge's ideas", () => {
  it("is refused before voting opens and at votingClosesAt, and accepted from votingOpensAt", async () => {
    const staff = await makePerson("staff");
    const voter = await makePerson();
    const challenge = await makeChallenge(staff);
    const [idea] = await submitIdeas(challenge, 1);
    const refusal = { refused: "votingNotOpen" };
    expect(await vote(idea.id, voter.id, true, challenge.during.submission)).toEqual(refusal);
    expect(await vote(idea.id, voter.id, true, shift(challenge.votingOpensAt, -1))).toEqual(refusal);
    expect(await counts(idea.id)).toEqual({ inRow: 0, rows: 0 });

    expect(await vote(idea.id, voter.id, true, challenge.votingOpensAt)).toEqual({ voted: true, voteCount: 1 });
    expect(await vote(idea.id, voter.id, false, shift(challenge.votingClosesAt, -1))).toEqual({ voted: false, voteCount: 0 });
    expect(await vote(idea.id, voter.id, true, shift(challenge.votingClosesAt, -1))).toEqual({ voted: true, voteCount: 1 });

    // Once voting closes, votes can be neither cast nor taken back.
    expect(await vote(idea.id, (await makePerson()).id, true, challenge.votingClosesAt)).toEqual(refusal);
    expect(await vote(idea.id, voter.id, false, challenge.votingClosesAt)).toEqual(refusal);
    expect(await counts(idea.id)).toEqual({ inRow: 1, rows: 1 });
  });

  it("is refused for the ideas of a challenge that is not published", async () => {
    const staff = await makePerson("staff");
    const challenge = await makeChallenge(staff);
    const [idea] = await submitIdeas(challenge, 1);
    // Unpublishing is refused once it has ideas, so make it a draft behind the domain's back.
    await exec(sql`update challenges set published_at = null where id = ${challenge.id}`);
    expect(await vote(idea.id, (await makePerson()).id, true, challenge.during.voting)).toEqual({ refused: "votingNotOpen" });
  });

  it("keeps each person within the budget; taking a vote back frees it again", async () => {
    const staff = await makePerson("staff");
    const voter = await makePerson();
    const challenge = await makeChallenge(staff, { voteBudget: 2 });
    const [a, b, c] = await submitIdeas(challenge, 3);
    const now = challenge.during.voting;

    expect(await budgetFor(challenge, voter.id)).toEqual({ total: 2, used: 0, left: 2 });
    expect(await budgetFor(challenge, null)).toEqual({ total: 2, used: 0, left: 2 });
    expect(await vote(a.id, voter.id, true, now)).toEqual({ voted: true, voteCount: 1 });
    expect(await vote(b.id, voter.id, true, now)).toEqual({ voted: true, voteCount: 1 });
    expect(await budgetFor(challenge, voter.id)).toEqual({ total: 2, used: 2, left: 0 });

    expect(await vote(c.id, voter.id, true, now)).toEqual({ refused: "budgetSpent" });
    expect(await counts(c.id)).toEqual({ inRow: 0, rows: 0 });

    expect(await vote(a.id, voter.id, false, now)).toEqual({ voted: false, voteCount: 0 });
    expect(await budgetFor(challenge, voter.id)).toEqual({ total: 2, used: 1, left: 1 });
    expect(await vote(c.id, voter.id, true, now)).toEqual({ voted: true, voteCount: 1 });
    expect(await votesUsed(db, challenge.id, voter.id)).toBe(2);

    // Another person has a budget of their own.
    expect(await vote(a.id, (await makePerson()).id, true, now)).toEqual({ voted: true, voteCount: 1 });
    await expectCountsAgree([a.id, b.id, c.id]);
  });

  it("counts the budget per challenge: votes in one challenge do not spend another's", async () => {
    const staff = await makePerson("staff");
    const voter = await makePerson();
    const first = await makeChallenge(staff, { voteBudget: 1 });
    const second = await makeChallenge(staff, { voteBudget: 1 });
    const [inFirst] = await submitIdeas(first, 1);
    const [inSecond] = await submitIdeas(second, 1);
    const plain = await makeIdea((await makePerson()).id, "Not in any challenge");
    expect(await vote(inFirst.id, voter.id, true, first.during.voting)).toEqual({ voted: true, voteCount: 1 });
    expect(await vote(plain.id, voter.id, true, first.during.voting)).toEqual({ voted: true, voteCount: 2 });
    expect(await vote(inSecond.id, voter.id, true, second.during.voting)).toEqual({ voted: true, voteCount: 1 });
    expect(await votesUsed(db, first.id, voter.id)).toBe(1);
    expect(await votesUsed(db, second.id, voter.id)).toBe(1);
  });

  it("has no budget when voteBudget is null", async () => {
    const staff = await makePerson("staff");
    const voter = await makePerson();
    const challenge = await makeChallenge(staff, { voteBudget: null });
    const ideas = await submitIdeas(challenge, 5);
    for (const idea of ideas) expect(await vote(idea.id, voter.id, true, challenge.during.voting)).toMatchObject({ voted: true });
    expect(await budgetFor(challenge, voter.id)).toBeNull();
    expect(await votesUsed(db, challenge.id, voter.id)).toBe(5);
  });

  it("treats a repeated vote for an idea already voted for as done, even with the budget spent (double submit)", async () => {
    const staff = await makePerson("staff");
    const voter = await makePerson();
    const challenge = await makeChallenge(staff, { voteBudget: 2 });
    const [a, b] = await submitIdeas(challenge, 2);
    const now = challenge.during.voting;
    await vote(a.id, voter.id, true, now);
    expect(await vote(b.id, voter.id, true, now)).toEqual({ voted: true, voteCount: 1 });
    // The same button pressed twice: the vote is already there, no budget is needed for it.
    expect(await vote(b.id, voter.id, true, now)).toEqual({ voted: true, voteCount: 1 });
    expect(await counts(b.id)).toEqual({ inRow: 1, rows: 1 });
  });
});

describe("publishing results", () => {
  async function challengeWithVotes() {
    const staff = await makePerson("staff", { displayName: "Rita Results" });
    const [alice, bob, carol] = [await makePerson(), await makePerson(), await makePerson()];
    const voter = await makePerson();
    const bystander = await makePerson();
    const challenge = await makeChallenge(staff, { voteBudget: 3 });
    const a = await submitIdea(challenge, alice, "Reusable crates", challenge.during.submission);
    const b = await submitIdea(challenge, bob, "Paper tape", challenge.during.submission);
    const c = await submitIdea(challenge, carol, "Bulk aisle", challenge.during.submission);
    const c2 = await submitIdea(challenge, carol, "Bring your own box", challenge.during.submission);
    for (const [idea, person] of [[a, voter], [b, voter], [a, alice], [c, bob], [a, staff]] as const) {
      expect(await vote(idea.id, person.id, true, challenge.during.voting)).toMatchObject({ voted: true });
    }
    return { staff, alice, bob, carol, voter, bystander, challenge, ideas: { a, b, c, c2 } };
  }

  it("is refused before votingClosesAt and accepted from that instant", async () => {
    const { staff, challenge, ideas } = await challengeWithVotes();
    const results = (now: Date) =>
      publishResults({ challengeId: challenge.id, staffId: staff.id, winners: [{ ideaId: ideas.a.id, rank: 1 }], note: plainBody("Thank you all."), now });
    expect(reasonOf(await results(challenge.during.submission))).toBe("resultsTooEarly");
    expect(reasonOf(await results(shift(challenge.votingClosesAt, -1)))).toBe("resultsTooEarly");
    expect((await getChallengeById(challenge.id))?.resultsPublishedAt).toBeNull();
    expect(await listWinners(challenge.id)).toEqual([]);

    expect(reasonOf(await results(challenge.votingClosesAt))).toBe("no error");
    const published = (await getChallenge(challenge.slug))!;
    expect(published.resultsPublishedAt).toEqual(challenge.votingClosesAt);
    expect(published).toMatchObject({ resultsNoteText: "Thank you all.", resultsBy: { id: staff.id, displayName: "Rita Results" } });
    expect(challengePhase(published, challenge.during.counting)).toBe("finished");
  });

  it("is refused for a draft", async () => {
    const staff = await makePerson("staff");
    const draft = await makeChallenge(staff, { draft: true });
    expect(
      reasonOf(await publishResults({ challengeId: draft.id, staffId: staff.id, winners: [], note: plainBody("No."), now: draft.during.counting })),
    ).toBe("resultsTooEarly");
  });

  it("refuses no winners, two winners in the same place, and ideas from outside the challenge", async () => {
    const { staff, challenge, ideas } = await challengeWithVotes();
    const other = await makeChallenge(staff);
    const [elsewhere] = await submitIdeas(other, 1);
    const plain = await makeIdea(staff.id, "Outside every challenge");
    const attempt = (winners: Array<{ ideaId: number; rank: number | null }>) =>
      publishResults({ challengeId: challenge.id, staffId: staff.id, winners, note: plainBody("Results"), now: challenge.during.counting });

    expect(reasonOf(await attempt([]))).toBe("noWinners");
    expect(reasonOf(await attempt([{ ideaId: ideas.a.id, rank: 1 }, { ideaId: ideas.b.id, rank: 1 }]))).toBe("placeTaken");
    expect(reasonOf(await attempt([{ ideaId: ideas.a.id, rank: 1 }, { ideaId: elsewhere.id, rank: 2 }]))).toBe("notInChallenge");
    expect(reasonOf(await attempt([{ ideaId: plain.id, rank: null }]))).toBe("notInChallenge");
    expect(reasonOf(await attempt([{ ideaId: 999_999, rank: null }]))).toBe("notInChallenge");
    // Several winners without a place are fine.
    expect(reasonOf(await attempt([{ ideaId: ideas.a.id, rank: null }, { ideaId: ideas.b.id, rank: null }]))).toBe("no error");
  });

  it("lists ranked winners in order of their place, then the unranked ones by votes", async () => {
    const { staff, challenge, ideas } = await challengeWithVotes();
    await publishResults({
      challengeId: challenge.id,
      staffId: staff.id,
      winners: [
        { ideaId: ideas.c2.id, rank: null },
        { ideaId: ideas.b.id, rank: 2 },
        { ideaId: ideas.c.id, rank: 1 },
        { ideaId: ideas.a.id, rank: null },
      ],
      note: plainBody("The jury has spoken."),
      now: challenge.during.counting,
    });
    expect((await listWinners(challenge.id)).map((w) => [w.title, w.rank, w.voteCount])).toEqual([
      ["Bulk aisle", 1, 1],
      ["Paper tape", 2, 1],
      ["Reusable crates", null, 3],
      ["Bring your own box", null, 0],
    ]);
  });

  it("answer each winner in the name of the staff member who signed them, and mark its place in every list", async () => {
    const { staff, challenge, ideas } = await challengeWithVotes();
    const at = challenge.during.counting;
    accepted(
      await publishResults({
        challengeId: challenge.id,
        staffId: staff.id,
        winners: [
          { ideaId: ideas.c.id, rank: 1 },
          { ideaId: ideas.b.id, rank: null },
        ],
        note: plainBody("Bulk aisle first."),
        now: at,
      }),
    );
    expect(await getIdea(ideas.c.id, null)).toMatchObject({ answered: true, winner: { rank: 1 }, firstResponse: { at, by: { id: staff.id, displayName: "Rita Results" } } });
    expect(await getIdea(ideas.b.id, null)).toMatchObject({ answered: true, winner: { rank: null } });
    // An idea that did not win is still waiting for a word of its own.
    expect(await getIdea(ideas.a.id, null)).toMatchObject({ answered: false, winner: null, firstResponse: null });
    const listed = (await listChallengeIdeas({ challengeId: challenge.id, order: "votes", seed: 0, viewerId: null, page: 1 })).ideas;
    expect(listed.map((idea) => [idea.title, idea.winner?.rank ?? (idea.winner ? "selected" : null), Boolean(idea.firstResponse)])).toEqual([
      ["Reusable crates", null, false],
      ["Bulk aisle", 1, true],
      ["Paper tape", "selected", true],
      ["Bring your own box", null, false],
    ]);
    expect((await listWaiting({})).map((idea) => idea.id)).not.toContain(ideas.c.id);

    // The winner's timeline says who announced it, once, however often the results are corrected.
    accepted(
      await publishResults({ challengeId: challenge.id, staffId: staff.id, winners: [{ ideaId: ideas.c.id, rank: 1 }], note: plainBody("Still first."), now: shift(at, HOUR) }),
    );
    const events = (await getThread(ideas.c.id, null)).filter((item) => item.type === "event");
    expect(events).toEqual([expect.objectContaining({ kind: "challenge_results", actorName: "Rita Results" })]);
  });

  it("tells every participant (submitters and voters, not the staff member) once; a correction replaces the winners silently", async () => {
    const { staff, alice, bob, carol, voter, bystander, challenge, ideas } = await challengeWithVotes();
    await publishResults({
      challengeId: challenge.id,
      staffId: staff.id,
      winners: [{ ideaId: ideas.a.id, rank: 1 }],
      note: plainBody("Crates win."),
      now: challenge.during.counting,
    });
    for (const participant of [alice, bob, carol, voter]) {
      expect(await notificationsOf(participant, "challenge_results", challenge), participant.displayName).toEqual([
        expect.objectContaining({ actorId: staff.id, actorName: "Rita Results", challengeTitle: challenge.title, ideaId: null }),
      ]);
    }
    // The staff member voted but announced the results: they hear nothing; nor does anyone who took no part.
    expect(await notificationsOf(staff, "challenge_results", challenge)).toEqual([]);
    expect(await notificationsOf(bystander, "challenge_results", challenge)).toEqual([]);

    const emails = await emailsTo(voter.email);
    expect(emails).toHaveLength(1);
    expect(emails[0]!.text).toContain(`/challenges/${challenge.slug}`);
    expect(await emailsTo(bystander.email)).toHaveLength(0);

    const correctedAt = shift(challenge.during.counting, DAY);
    await publishResults({
      challengeId: challenge.id,
      staffId: staff.id,
      winners: [
        { ideaId: ideas.b.id, rank: 1 },
        { ideaId: ideas.a.id, rank: 2 },
      ],
      note: plainBody("Corrected: a counting mistake."),
      now: correctedAt,
    });
    expect((await listWinners(challenge.id)).map((w) => [w.ideaId, w.rank])).toEqual([
      [ideas.b.id, 1],
      [ideas.a.id, 2],
    ]);
    expect(await getChallenge(challenge.slug)).toMatchObject({ resultsPublishedAt: challenge.during.counting, resultsNoteText: "Corrected: a counting mistake." });
    for (const participant of [alice, bob, carol, voter]) {
      expect(await notificationsOf(participant, "challenge_results", challenge)).toHaveLength(1);
    }
    expect(await emailsTo(voter.email)).toHaveLength(1);
  });
});

describe("announcing that voting opened", () => {
  // Later than every other challenge in this file, so their voting has closed by then.
  const LATE = new Date("2036-06-01T09:00:00.000Z");

  it("tells the submitters once voting opens, signed by the staff member who published the challenge", async () => {
    const creator = await makePerson("staff", { displayName: "Cleo Creator" });
    const publisher = await makePerson("staff", { displayName: "Pablo Publisher" });
    const [alice, bob, bystander] = [await makePerson(), await makePerson(), await makePerson()];
    const challenge = await makeChallenge(creator, { start: LATE, publisher, title: "Quieter stores" });
    await submitIdea(challenge, alice, "Soft music hours", challenge.during.submission);
    await submitIdea(challenge, alice, "Fewer announcements", challenge.during.submission);
    await submitIdea(challenge, bob, "Carpet in the aisles", challenge.during.submission);
    await submitIdea(challenge, publisher, "Quiet checkout lane", challenge.during.submission);

    expect(await announceOpenedVoting(shift(challenge.votingOpensAt, -1))).toBe(0);
    expect(await notificationsOf(alice, "challenge_voting", challenge)).toEqual([]);
    expect((await getChallengeById(challenge.id))?.votingAnnouncedAt).toBeNull();

    expect(await announceOpenedVoting(challenge.votingOpensAt)).toBe(1);
    for (const submitter of [alice, bob]) {
      expect(await notificationsOf(submitter, "challenge_voting", challenge)).toHaveLength(1);
    }
    expect((await listNotifications(alice.id)).notifications[0]).toMatchObject({
      kind: "challenge_voting",
      ideaId: null,
      ideaTitle: null,
      challengeSlug: challenge.slug,
      challengeTitle: "Quieter stores",
      actorId: publisher.id,
      actorName: "Pablo Publisher",
    });
    // The publisher does not notify themselves; the others took no part.
    expect(await notificationsOf(publisher, "challenge_voting", challenge)).toEqual([]);
    expect(await notificationsOf(creator, "challenge_voting", challenge)).toEqual([]);
    expect(await notificationsOf(bystander, "challenge_voting", challenge)).toEqual([]);
    expect((await getChallengeById(challenge.id))?.votingAnnouncedAt).toEqual(challenge.votingOpensAt);

    expect(await announceOpenedVoting(challenge.during.voting)).toBe(0);
    expect(await announceOpenedVoting(shift(challenge.during.voting, DAY))).toBe(0);
    for (const submitter of [alice, bob]) {
      expect(await notificationsOf(submitter, "challenge_voting", challenge)).toHaveLength(1);
    }
    const emails = await emailsTo(bob.email);
    expect(emails).toHaveLength(1);
    expect(emails[0]!.text).toContain(`/challenges/${challenge.slug}`);
  });

  it("does not announce drafts, nor voting that closed before anyone was told", async () => {
    const staff = await makePerson("staff");
    const author = await makePerson();
    const draft = await makeChallenge(staff, { start: shift(LATE, 30 * DAY), draft: true });
    expect(await announceOpenedVoting(draft.during.voting)).toBe(0);
    expect((await getChallengeById(draft.id))?.votingAnnouncedAt).toBeNull();

    const missed = await makeChallenge(staff, { start: shift(LATE, 60 * DAY) });
    await submitIdea(missed, author, "Too late to hear", missed.during.submission);
    expect(await announceOpenedVoting(missed.votingClosesAt)).toBe(0);
    expect(await notificationsOf(author, "challenge_voting", missed)).toEqual([]);
  });
});

describe("challenge emails", () => {
  it("name the challenge in the subject and the text, with no untranslated keys", async () => {
    const staff = await makePerson("staff", { displayName: "Mina Mailer" });
    const author = await makePerson();
    const challenge = await makeChallenge(staff, { start: new Date("2037-02-01T09:00:00.000Z"), title: "Greener deliveries" });
    const idea = await submitIdea(challenge, author, "Cargo bikes downtown", challenge.during.submission);
    await announceOpenedVoting(challenge.votingOpensAt);
    // Sent when due (two minutes later), days before the results: two emails, not one.
    await emailsTo(author.email, new Date(challenge.votingOpensAt.getTime() + 3 * 60_000));
    accepted(await publishResults({ challengeId: challenge.id, staffId: staff.id, winners: [{ ideaId: idea.id, rank: 1 }], note: plainBody("Bikes it is."), now: challenge.votingClosesAt }));

    const emails = await emailsTo(author.email);
    expect(emails).toHaveLength(2);
    for (const email of emails) {
      expect(email.subject).toContain("Greener deliveries");
      expect(email.subject).not.toMatch(/\bemail\./);
      expect(email.text).not.toMatch(/\bemail\.challenge_/);
    }
  });
});

describe("listing a challenge's ideas", () => {
  async function challengeWithIdeas(n: number) {
    const staff = await makePerson("staff");
    const challenge = await makeChallenge(staff);
    const ideas = await submitIdeas(challenge, n);
    return { challenge, ideas };
  }
  const SEED = 1_234_567_890;
  const ids = async (challengeId: number, seed: number, page = 1) =>
    (await listChallengeIdeas({ challengeId, order: "shuffled", seed, viewerId: null, page })).ideas.map((idea) => idea.id);

  it("shuffles with the same seed into the same order on every call, and its pages neither overlap nor skip", async () => {
    const total = CHALLENGE_IDEAS_PAGE_SIZE + 15;
    const { challenge, ideas } = await challengeWithIdeas(total);
    const first = await listChallengeIdeas({ challengeId: challenge.id, order: "shuffled", seed: SEED, viewerId: null, page: 1 });
    const second = await listChallengeIdeas({ challengeId: challenge.id, order: "shuffled", seed: SEED, viewerId: null, page: 2 });
    expect(first.ideas).toHaveLength(CHALLENGE_IDEAS_PAGE_SIZE);
    expect(first.hasMore).toBe(true);
    expect(second.ideas).toHaveLength(15);
    expect(second.hasMore).toBe(false);

    const all = [...first.ideas, ...second.ideas].map((idea) => idea.id);
    expect(new Set(all).size).toBe(total);
    expect([...all].sort((x, y) => x - y)).toEqual(ideas.map((idea) => idea.id).sort((x, y) => x - y));
    expect([...(await ids(challenge.id, SEED, 1)), ...(await ids(challenge.id, SEED, 2))]).toEqual(all);
    // A shuffle, not the submission order.
    expect(all).not.toEqual(ideas.map((idea) => idea.id));
  });

  it("gives different seeds different orders", async () => {
    const { challenge } = await challengeWithIdeas(20);
    const orders = await Promise.all([SEED, 987_654_321, 42_424_242, 2_000_000_001].map(async (seed) => (await ids(challenge.id, seed)).join(",")));
    expect(new Set(orders).size).toBe(orders.length);
  });

  it("gives small seeds (1, 2, 3) different orders too, none of them the submission order", async () => {
    const { challenge, ideas } = await challengeWithIdeas(20);
    const submissionOrder = ideas.map((idea) => idea.id).join(",");
    const orders = await Promise.all([1, 2, 3].map(async (seed) => (await ids(challenge.id, seed)).join(",")));
    expect(orders).not.toContain(submissionOrder);
    expect(new Set(orders).size).toBe(orders.length);
  });

  it("orders by votes, most first, and marks the viewer's own votes", async () => {
    const { challenge, ideas } = await challengeWithIdeas(4);
    const [a, b, c, d] = ideas;
    const voters = [await makePerson(), await makePerson(), await makePerson()];
    const viewer = voters[0]!;
    for (const [idea, n] of [[c, 3], [a, 2], [d, 1]] as const) {
      for (const voter of voters.slice(0, n)) accepted(await setVote(idea.id, voter.id, true, challenge.during.voting));
    }
    const listed = await listChallengeIdeas({ challengeId: challenge.id, order: "votes", seed: SEED, viewerId: viewer.id, page: 1 });
    expect(listed.ideas.map((idea) => [idea.id, idea.voteCount, idea.voted])).toEqual([
      [c.id, 3, true],
      [a.id, 2, true],
      [d.id, 1, true],
      [b.id, 0, false],
    ]);
    expect(listed.hasMore).toBe(false);
  });

  it("leaves out hidden ideas and other challenges' ideas", async () => {
    const { challenge, ideas } = await challengeWithIdeas(3);
    const { ideas: others } = await challengeWithIdeas(2);
    await transaction((tx) => tx.update(ideasTable).set({ hiddenAt: new Date() }).where(eq(ideasTable.id, ideas[0]!.id)));
    const listed = await ids(challenge.id, SEED);
    expect(listed.sort((x, y) => x - y)).toEqual([ideas[1]!.id, ideas[2]!.id]);
    expect(listed).not.toContain(others[0]!.id);
  });
});
