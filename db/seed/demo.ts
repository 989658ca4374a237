import { eq } from "drizzle-orm";
import { emailOutbox, users, type IdeaStatus } from "#db/schema";
import { challengePhase } from "~/domain/challenge-phases";
import { announceOpenedVoting, createChallenge, getChallengeById, publishResults, setChallengePublished } from "~/domain/challenges.server";
import { changeStatus, mergeIdeas } from "~/domain/workflow.server";
import { reportContent } from "~/domain/moderation.server";
import { createCategory } from "~/domain/categories.server";
import { createIdea } from "~/domain/ideas.server";
import { createPerson } from "~/domain/people.server";
import { setUpSite } from "~/domain/site.server";
import { setVote } from "~/domain/votes.server";
import { db } from "~/lib/db.server";
import { richBodyFrom } from "~/lib/rich-body.server";
import { DEMO_CHALLENGES, type DemoChallenge } from "./challenges-data";
import { DEMO_CATEGORIES, DEMO_DISCUSSIONS, DEMO_IDEAS } from "./ideas-data";
import { postComment, setOfficialResponse } from "~/domain/comments.server";

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
  const admin = await setUpSite({
    siteName: "Tertulia Demo",
    defaultLocale: "es",
    replyPromiseDays: 3,
    admin: { email: "admin@demo.example", displayName: "Admin Demo", password: DEMO_PASSWORD },
  });
  db.update(users).set({ jobTitle: "Community Administrator", bio: "Keeps the portal running and welcoming." }).where(eq(users.id, admin.id)).run();

  for (const [index, staff] of STAFF.entries()) {
    await createPerson({ id: `staff${index + 1}`, email: `staff${index + 1}@demo.example`, password: DEMO_PASSWORD, role: "staff", ...staff });
  }
  for (let index = 0; index < 30; index++) {
    const displayName = `${FIRST_NAMES[index % FIRST_NAMES.length]} ${LAST_NAMES[index % LAST_NAMES.length]}`;
    await createPerson({
      id: `customer${index + 1}`,
      email: `customer${index + 1}@demo.example`,
      displayName,
      password: DEMO_PASSWORD,
      company: COMPANIES[index % COMPANIES.length],
      locale: index % 3 === 0 ? "en" : null,
    });
  }
  const categoryIds = DEMO_CATEGORIES.map((category) => createCategory(category).id);
  const votes = seedIdeas(categoryIds);
  const comments = seedDiscussions();
  // After the ideas and discussions, which refer to their ideas by id.
  const challenges = seedChallenges(categoryIds);
  // The demo's history is in-app only: do not email the made-up people on first start.
  db.delete(emailOutbox).run();
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

/** A small deterministic generator, so the demo is the same on every machine. */
function sequence(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

function seedIdeas(categoryIds: number[]) {
  const random = sequence(42);
  const day = 24 * 60 * 60 * 1000;
  const start = Date.now() - 90 * day;
  let voteTotal = 0;
  const statuses: Array<{ id: number; status: IdeaStatus; spanish: boolean; createdAt: number }> = [];
  for (const [index, [title, text, category, status]] of DEMO_IDEAS.entries()) {
    const authorNumber = (index % 30) + 1;
    const idea = createIdea({
      authorId: `customer${authorNumber}`,
      title,
      body: richBody(text),
      categoryId: categoryIds[category]!,
      now: new Date(start + index * 1.5 * day),
    });
    statuses.push({ id: idea.id, status, spanish: index < 30, createdAt: start + index * 1.5 * day });
    const voters = Math.floor(random() * random() * 30);
    for (let offset = 1; offset <= voters; offset++) {
      setVote(idea.id, `customer${((authorNumber - 1 + offset * 7) % 30) + 1}`, true);
    }
    voteTotal += voters + 1;
  }
  seedStatuses(statuses);
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
function seedStatuses(rows: Array<{ id: number; status: IdeaStatus; spanish: boolean; createdAt: number }>) {
  const hour = 60 * 60 * 1000;
  for (const [index, row] of rows.entries()) {
    const steps = PATH_TO[row.status] ?? [];
    for (const [step, to] of steps.entries()) {
      if (to === "open" || to === "duplicate") continue;
      const [es, en] = STATUS_NOTES[to];
      changeStatus({
        ideaId: row.id,
        staffId: `staff${(index % 3) + 1}`,
        to,
        note: step === steps.length - 1 || to === "adopted" || to === "declined" ? richBody(row.spanish ? es : en) : null,
        now: new Date(row.createdAt + (step + 1) * 20 * hour),
      });
    }
  }
  // One duplicate, merged into the idea it repeats.
  mergeIdeas({ sourceId: 56, targetId: 11, staffId: "staff3", now: new Date(rows[55]!.createdAt + 30 * hour) });
  // Two reports waiting in the moderation queue.
  reportContent({ reporterId: "customer4", ideaId: 17, commentId: null, reason: "Esto no es una idea, es publicidad." });
  reportContent({ reporterId: "customer12", ideaId: 27, commentId: null, reason: "Duplicate of an idea I posted earlier." });
}

function richBody(text: string) {
  const body = richBodyFrom(text);
  if (!body.ok) throw new Error(`Demo text "${text}" is invalid: ${body.reason}`);
  return body.value;
}

/** Threads with customers and named staff: replies, a reply to a reply, notes, official answers. */
function seedDiscussions() {
  const hour = 60 * 60 * 1000;
  let total = 0;
  for (const [ideaIndex, thread] of DEMO_DISCUSSIONS.entries()) {
    const ideaId = thread.idea;
    const created: number[] = [];
    const start = Date.now() - (DEMO_DISCUSSIONS.length - ideaIndex) * 24 * hour;
    for (const [index, [who, text, replyTo, kind]] of thread.comments.entries()) {
      const role = who.startsWith("staff") ? "staff" : "customer";
      const comment = postComment({
        ideaId,
        author: { id: who, role },
        parentId: replyTo === null ? null : created[replyTo]!,
        kind: kind ?? "public",
        body: richBody(text),
        now: new Date(start + index * 3 * hour),
      });
      created.push(comment.id);
      total += 1;
    }
    if (thread.official !== undefined) {
      setOfficialResponse({ ideaId, commentId: created[thread.official]!, staffId: thread.comments[thread.official]![0], now: new Date(start + 20 * hour) });
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
function seedChallenges(categoryIds: number[]) {
  const random = sequence(7);
  const seededAt = Date.now();
  const hour = 60 * 60 * 1000;
  const at = (days: number, hours = 0) => new Date(seededAt + days * 24 * hour + hours * hour);
  let ideaTotal = 0;
  let voteTotal = 0;
  for (const demo of DEMO_CHALLENGES) {
    const { days } = demo;
    const challenge = createChallenge({
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
    setChallengePublished({ id: challenge.id, published: true, staffId: "staff1", now: at(days.published) });

    // Ideas arrive through the submission window (up to now, while it is still open).
    const submissionDays = Math.min(days.submissionCloses, 0) - days.submissionOpens;
    const ideaIds = demo.ideas.map(([authorId, title, text, category], index) => {
      const offset = ((index + 0.25 + random() * 0.5) / demo.ideas.length) * submissionDays;
      return createIdea({
        authorId,
        title,
        body: richBody(text),
        categoryId: categoryIds[category]!,
        challengeId: challenge.id,
        now: at(days.submissionOpens + offset),
      }).id;
    });
    ideaTotal += ideaIds.length;

    if (days.votingOpens < 0) {
      // The scheduler would announce it within seconds of voting opening; here an hour later.
      if (announceOpenedVoting(at(days.votingOpens, 1)) !== 1) throw new Error(`Demo challenge "${demo.slug}": voting was not announced`);
      const votingEnd = at(Math.min(days.votingCloses, 0), -1).getTime();
      const ballots = challengeBallots(demo, random);
      const start = at(days.votingOpens, 2).getTime();
      for (const [index, [idea, userId]] of ballots.entries()) {
        const result = setVote(ideaIds[idea]!, userId, true, new Date(start + ((index + 1) / (ballots.length + 1)) * (votingEnd - start)));
        if (!result || "refused" in result) throw new Error(`Demo challenge "${demo.slug}": ${userId}'s vote was refused`);
      }
      voteTotal += ballots.length;
    }

    if (demo.results) {
      const { ranked, selected, note, by, day } = demo.results;
      publishResults({
        challengeId: challenge.id,
        staffId: by,
        winners: [...ranked.map((idea, place) => ({ ideaId: ideaIds[idea]!, rank: place + 1 })), ...selected.map((idea) => ({ ideaId: ideaIds[idea]!, rank: null }))],
        note: richBody(note),
        now: at(day),
      });
    }

    const phase = challengePhase(getChallengeById(challenge.id)!, seededAt);
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
