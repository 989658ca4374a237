import { eq } from "drizzle-orm";
import { emailOutbox, notifications, users, type IdeaStatus, type Locale } from "#db/tables";
import { createCategory } from "~/domain/categories.server";
import { challengePhase } from "~/domain/challenge-phases";
import { announceOpenedVoting, createChallenge, getChallengeById, publishResults, setChallengePublished } from "~/domain/challenges.server";
import { postComment, setOfficialResponse } from "~/domain/comments.server";
import { createIdea } from "~/domain/ideas.server";
import { reportContent } from "~/domain/moderation.server";
import { hashPassword, insertPerson } from "~/domain/people.server";
import { setUpSite } from "~/domain/site.server";
import { setVote } from "~/domain/votes.server";
import { changeStatus, mergeIdeas } from "~/domain/workflow.server";
import { now as clockNow } from "~/lib/clock.server";
import { transaction } from "~/lib/db.server";
import type { Result } from "~/lib/result";
import { richBodyFrom } from "~/lib/rich-body.server";
import { DEMO_CHALLENGES, type DemoChallenge } from "./challenges-data";
import { DEMO_CATEGORIES, DEMO_DISCUSSIONS, DEMO_IDEAS } from "./ideas-data";

export const DEMO_PASSWORD = "tertulia-demo";

const STAFF = [
  { displayName: "Lucía Fernández", jobTitle: "Head of Customer Experience", bio: "Reads every idea that comes in and makes sure none waits too long.", locale: "es" },
  { displayName: "Daniel Okafor", jobTitle: "Product Manager, Checkout", bio: "Turns your suggestions about paying and shipping into the roadmap.", locale: "en" },
  { displayName: "Marta Ruiz", jobTitle: "Support Engineer", bio: "Fixes what breaks and explains why it broke, in plain words.", locale: "es" },
] as const;

const FIRST_NAMES = ["Ana", "Bruno", "Carla", "Diego", "Elena", "Fatima", "Gabriel", "Hugo", "Irene", "Jorge", "Kira", "Leo", "Mónica", "Nico", "Olga"];
const LAST_NAMES = ["García", "Smith", "Martínez", "Nguyen", "López", "Schmidt"];
const COMPANIES = ["Panadería Sol", "Northwind Traders", null, "Talleres Ruiz", null, "Blue Harbor Café"];

/**
 * Seeds the site, an admin, three staff members, thirty customers, their ideas and discussions,
 * and a challenge in each phase; the same every time (times are relative to the seeding).
 */
export async function seedDemo() {
  const admin = must(
    await setUpSite({
      siteName: "Tertulia Demo",
      defaultLocale: "es",
      replyPromiseDays: 3,
      admin: { email: "admin@demo.example", displayName: "Admin Demo", password: DEMO_PASSWORD },
    }),
    "setting up the site",
  );
  await transaction(async (tx) => {
    await tx.update(users).set({ jobTitle: "Community Administrator", bio: "Keeps the portal running and welcoming." }).where(eq(users.id, admin.id));
  });

  // Everyone shares the demo password: hashed once (argon2 is slow on purpose), not 33 times.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const person = (values: { id: string; displayName: string; role: "staff" | "customer"; locale: Locale | null; jobTitle?: string; bio?: string; company?: string | null }) =>
    transaction(async (tx) =>
      must(await insertPerson(tx, { email: `${values.id}@demo.example`, emailVerifiedAt: clockNow(), passwordHash, jobTitle: null, bio: null, company: null, ...values }), values.id),
    );
  for (const [index, staff] of STAFF.entries()) await person({ id: `staff${index + 1}`, role: "staff", ...staff });
  for (let index = 0; index < 30; index++) {
    await person({
      id: `customer${index + 1}`,
      displayName: `${FIRST_NAMES[index % FIRST_NAMES.length]} ${LAST_NAMES[index % LAST_NAMES.length]}`,
      role: "customer",
      company: COMPANIES[index % COMPANIES.length],
      locale: index % 3 === 0 ? "en" : null,
    });
  }
  const categoryIds: number[] = [];
  for (const category of DEMO_CATEGORIES) categoryIds.push(must(await createCategory(category), `category ${category.name}`).id);
  const votes = await seedIdeas(categoryIds);
  const comments = await seedDiscussions();
  // After the ideas and discussions, which refer to their ideas by id.
  const challenges = await seedChallenges(categoryIds);
  // The demo's history is in-app only: do not email the made-up people on first start.
  await transaction(async (tx) => {
    await tx.delete(emailOutbox);
    await tx.update(notifications).set({ emailDueAt: null });
  });
  return {
    admins: 1,
    staff: STAFF.length,
    customers: 30,
    categories: DEMO_CATEGORIES.length,
    ideas: DEMO_IDEAS.length + challenges.ideas,
    votes: votes + challenges.votes,
    comments,
    challenges: DEMO_CHALLENGES.length,
  };
}

/** The demo goes through the site's own rules: a refusal here is a mistake in the demo data. */
function must<T>(result: Result<T, string>, what: string): T {
  if (!result.ok) throw new Error(`Demo: ${what} was refused (${result.reason})`);
  return result.value;
}

/** A small deterministic generator, so the demo is the same on every machine. */
function sequence(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

async function seedIdeas(categoryIds: number[]) {
  const random = sequence(42);
  const day = 24 * 60 * 60 * 1000;
  // Spread over the last 120 days, votes coming in between an idea's day and today, so that
  // the insights' charts show something true-looking.
  const today = clockNow().getTime();
  const start = today - 120 * day;
  let voteTotal = 0;
  const statuses: Array<{ id: number; status: IdeaStatus; spanish: boolean; createdAt: number }> = [];
  for (const [index, [title, text, category, status]] of DEMO_IDEAS.entries()) {
    const authorNumber = (index % 30) + 1;
    const idea = must(
      await createIdea({
        authorId: `customer${authorNumber}`,
        title,
        body: richBody(text),
        categoryId: categoryIds[category]!,
        now: new Date(start + index * 2 * day),
      }),
      `idea "${title}"`,
    );
    const createdAt = start + index * 2 * day;
    statuses.push({ id: idea.id, status, spanish: index < 30, createdAt });
    const voters = Math.floor(random() * random() * 30);
    for (let offset = 1; offset <= voters; offset++) {
      const when = new Date(createdAt + (offset / (voters + 1)) * (today - createdAt));
      must(await setVote(idea.id, `customer${((authorNumber - 1 + offset * 7) % 30) + 1}`, true, when), `a vote for "${title}"`);
    }
    voteTotal += voters + 1;
  }
  await seedStatuses(statuses);
  return voteTotal;
}

const STATUS_NOTES: Record<Exclude<IdeaStatus, "open" | "duplicate">, [es: string, en: string]> = {
  under_review: ["Lo estamos estudiando con el equipo responsable. Os contamos pronto.", "We are looking into it with the team in charge. More soon."],
  planned: ["Está en el plan del próximo trimestre.", "It is in next quarter's plan."],
  in_progress: ["Ya estamos trabajando en ello.", "We have started working on it."],
  adopted: ["¡Hecho! Ya está disponible para todo el mundo. Gracias por proponerlo.", "Done! It is now available to everyone. Thank you for proposing it."],
  declined: ["Lo hemos valorado con cuidado, pero ahora mismo no encaja: el coste supera lo que aportaría.", "We weighed it carefully, but it does not fit right now: the cost outweighs what it would bring."],
};
const PATH_TO: Partial<Record<IdeaStatus, IdeaStatus[]>> = {
  under_review: ["under_review"],
  planned: ["under_review", "planned"],
  in_progress: ["planned", "in_progress"],
  adopted: ["planned", "in_progress", "adopted"],
  declined: ["under_review", "declined"],
};

/** Each idea reaches its status through signed changes by staff, as it would in real life. */
async function seedStatuses(rows: Array<{ id: number; status: IdeaStatus; spanish: boolean; createdAt: number }>) {
  const hour = 60 * 60 * 1000;
  for (const [index, row] of rows.entries()) {
    const steps = PATH_TO[row.status] ?? [];
    for (const [step, to] of steps.entries()) {
      if (to === "open" || to === "duplicate") continue;
      const [es, en] = STATUS_NOTES[to];
      const changed = await changeStatus({
        ideaId: row.id,
        staffId: `staff${(index % 3) + 1}`,
        to,
        note: step === steps.length - 1 || to === "adopted" || to === "declined" ? richBody(row.spanish ? es : en) : null,
        now: new Date(row.createdAt + (step + 1) * 20 * hour),
      });
      must(changed, `idea ${row.id} moving to ${to}`);
    }
  }
  // One duplicate, merged into the idea it repeats.
  must(await mergeIdeas({ sourceId: 56, targetId: 11, staffId: "staff3", now: new Date(rows[55]!.createdAt + 30 * hour) }), "the merge");
  // Two reports waiting in the moderation queue.
  must(await reportContent({ reporterId: "customer4", ideaId: 17, commentId: null, reason: "Esto no es una idea, es publicidad." }), "a report");
  must(await reportContent({ reporterId: "customer12", ideaId: 27, commentId: null, reason: "Duplicate of an idea I posted earlier." }), "a report");
}

function richBody(text: string) {
  const body = richBodyFrom(text);
  if (!body.ok) throw new Error(`Demo text "${text}" is invalid: ${body.reason}`);
  return body.value;
}

/** Threads with customers and named staff: replies, a reply to a reply, notes, official answers. */
async function seedDiscussions() {
  const hour = 60 * 60 * 1000;
  let total = 0;
  for (const [ideaIndex, thread] of DEMO_DISCUSSIONS.entries()) {
    const ideaId = thread.idea;
    const created: number[] = [];
    const start = clockNow().getTime() - (DEMO_DISCUSSIONS.length - ideaIndex) * 24 * hour;
    for (const [index, [who, text, replyTo, kind]] of thread.comments.entries()) {
      const role = who.startsWith("staff") ? "staff" : "customer";
      const comment = must(
        await postComment({
          ideaId,
          author: { id: who, role },
          parentId: replyTo === null ? null : created[replyTo]!,
          kind: kind ?? "public",
          body: richBody(text),
          now: new Date(start + index * 3 * hour),
        }),
        `a comment on idea ${ideaId}`,
      );
      created.push(comment.id);
      total += 1;
    }
    if (thread.official !== undefined) {
      const pinned = await setOfficialResponse({ ideaId, commentId: created[thread.official]!, staffId: thread.comments[thread.official]![0], now: new Date(start + 20 * hour) });
      must(pinned, `the official response on idea ${ideaId}`);
    }
  }
  return total;
}

const CUSTOMER_IDS = Array.from({ length: 30 }, (_, index) => `customer${index + 1}`);
/** The login the demo suggests: in the voting challenge it has votes left to try. */
const DEMO_LOGIN = "customer1";

/**
 * Each challenge lives through its story in order, through the same rules as the site: drafted,
 * published by staff1, ideas within the submission window, the "voting is open" news, votes
 * within each person's budget, and the results signed by a staff member.
 */
async function seedChallenges(categoryIds: number[]) {
  const random = sequence(7);
  const seededAt = clockNow().getTime();
  const hour = 60 * 60 * 1000;
  const at = (days: number, hours = 0) => new Date(seededAt + days * 24 * hour + hours * hour);
  let ideaTotal = 0;
  let voteTotal = 0;
  for (const demo of DEMO_CHALLENGES) {
    const { days } = demo;
    const created = await createChallenge({
      slug: demo.slug,
      title: demo.title,
      brief: richBody(demo.brief),
      submissionOpensAt: at(days.submissionOpens),
      submissionClosesAt: at(days.submissionCloses),
      votingOpensAt: at(days.votingOpens),
      votingClosesAt: at(days.votingCloses),
      voteBudget: demo.voteBudget,
      staffId: demo.createdBy,
      now: at(days.created),
    });
    const challenge = must(created, `challenge "${demo.slug}"`);
    must(await setChallengePublished({ id: challenge.id, published: true, staffId: "staff1", now: at(days.published) }), `publishing "${demo.slug}"`);

    // Ideas arrive through the submission window (up to now, while it is still open).
    const submissionDays = Math.min(days.submissionCloses, 0) - days.submissionOpens;
    const ideaIds: number[] = [];
    for (const [index, [authorId, title, text, category]] of demo.ideas.entries()) {
      const offset = ((index + 0.25 + random() * 0.5) / demo.ideas.length) * submissionDays;
      const idea = await createIdea({
        authorId,
        title,
        body: richBody(text),
        categoryId: categoryIds[category]!,
        challengeId: challenge.id,
        now: at(days.submissionOpens + offset),
      });
      ideaIds.push(must(idea, `challenge idea "${title}"`).id);
    }
    ideaTotal += ideaIds.length;

    if (days.votingOpens < 0) {
      // The scheduler would announce it within seconds of voting opening; here an hour later.
      if ((await announceOpenedVoting(at(days.votingOpens, 1))) !== 1) throw new Error(`Demo challenge "${demo.slug}": voting was not announced`);
      const votingEnd = at(Math.min(days.votingCloses, 0), -1).getTime();
      const ballots = challengeBallots(demo, random);
      const start = at(days.votingOpens, 2).getTime();
      for (const [index, [idea, userId]] of ballots.entries()) {
        const result = await setVote(ideaIds[idea]!, userId, true, new Date(start + ((index + 1) / (ballots.length + 1)) * (votingEnd - start)));
        must(result, `${userId}'s vote in "${demo.slug}"`);
      }
      voteTotal += ballots.length;
    }

    if (demo.results) {
      const { ranked, selected, note, by, day } = demo.results;
      const announced = await publishResults({
        challengeId: challenge.id,
        staffId: by,
        winners: [...ranked.map((idea, place) => ({ ideaId: ideaIds[idea]!, rank: place + 1 })), ...selected.map((idea) => ({ ideaId: ideaIds[idea]!, rank: null }))],
        note: richBody(note),
        now: at(day),
      });
      must(announced, `the results of "${demo.slug}"`);
    }

    const phase = challengePhase((await getChallengeById(challenge.id))!, seededAt);
    if (phase !== demo.phase) throw new Error(`Demo challenge "${demo.slug}" is in phase ${phase}, not ${demo.phase}`);
  }
  return { ideas: ideaTotal, votes: voteTotal };
}

/**
 * Who votes for which idea (by index), in the order the votes come in: each idea gets the
 * number of voters the data asks for, never its author, and nobody goes over the budget.
 */
function challengeBallots(demo: DemoChallenge, random: () => number) {
  const budget = demo.voteBudget ?? Infinity;
  const spent = new Map<string, number>();
  const ballots: Array<[idea: number, userId: string]> = [];
  const cast = (idea: number, userId: string) => {
    ballots.push([idea, userId]);
    spent.set(userId, (spent.get(userId) ?? 0) + 1);
  };
  for (const idea of demo.demoLoginVotes ?? []) cast(idea, DEMO_LOGIN);
  for (const [idea, [authorId, , , , wanted]] of demo.ideas.entries()) {
    const voters = new Set(ballots.filter(([votedIdea]) => votedIdea === idea).map(([, userId]) => userId));
    const candidates = CUSTOMER_IDS.filter(
      (userId) =>
        userId !== authorId &&
        !voters.has(userId) &&
        (spent.get(userId) ?? 0) < budget &&
        // The demo login keeps the rest of its budget for whoever tries the demo.
        !(demo.demoLoginVotes && userId === DEMO_LOGIN),
    );
    for (let count = voters.size; count < wanted; count++) {
      if (candidates.length === 0) throw new Error(`Demo challenge "${demo.slug}": not enough voters left for idea ${idea}`);
      cast(idea, candidates.splice(Math.floor(random() * candidates.length), 1)[0]!);
    }
  }
  // Votes come in mixed, not one idea after another.
  for (let index = ballots.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [ballots[index], ballots[other]] = [ballots[other]!, ballots[index]!];
  }
  return ballots;
}
