// The benchmark's data set: people, categories, challenges, ideas, votes and threaded comments,
// written straight into a fresh SQLite file (migrated with the app's own migrations) in one
// large transaction with prepared statements. Deterministic for a seed and a "now".
//
// Every derived value the app keeps in a row is set as the app would have set it, and
// `checkDataset` proves it: vote and comment counts, trending scores, last activity, first
// responses, official responses, follows, challenge windows and vote budgets.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { ideaSearchColumns } from "~/domain/search-terms.server";
import { trendingScore } from "~/domain/trending";
import { seededRandom, type Random } from "./random";
import { commentBody, FIRST_NAMES, ideaBody, ideaTitle, LAST_NAMES, type RichBody } from "./text";

export type DatasetSize = { people: number; staff: number; ideas: number; votes: number; comments: number };

/** The size issue 19 measures at. */
export const FULL_SIZE: DatasetSize = { people: 20_000, staff: 12, ideas: 100_000, votes: 1_000_000, comments: 300_000 };

const DAY = 24 * 3600_000;
const HISTORY_DAYS = 730;
/** Nobody votes for more than a quarter of the people's worth of one idea… */
const MAX_VOTERS_SHARE = 0.25;
const MAX_COMMENTS_PER_IDEA = 400;
const VOTING_BUDGET = 10;
const SETTABLE = ["under_review", "planned", "in_progress", "adopted", "declined"] as const;
const STATUS_WEIGHTS = [0.12, 0.1, 0.06, 0.09, 0.08];
const NOTE_REQUIRED = new Set(["adopted", "declined"]);

type Language = "en" | "es";
type ChallengePlan = { slug: string; title: string; opens: number; closes: number; votingOpens: number; votingCloses: number; budget: number | null; published: number; share: number };
type CommentPlan = {
  id: number;
  ideaIndex: number;
  authorId: string;
  staff: boolean;
  parent: CommentPlan | null;
  depth: number;
  kind: "public" | "internal";
  body: RichBody;
  createdAt: number;
  deletedAt: number | null;
  hiddenAt: number | null;
};

function idMaker(random: Random) {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  const seen = new Set<string>();
  return () => {
    for (;;) {
      let id = "";
      for (let i = 0; i < 12; i++) id += alphabet[random.int(alphabet.length)];
      if (!seen.has(id)) {
        seen.add(id);
        return id;
      }
    }
  };
}

/** Whole numbers proportional to `weights`, summing to `total`, none above its cap. */
function apportion(random: Random, weights: Float64Array, caps: Int32Array, total: number) {
  const counts = new Int32Array(weights.length);
  let sum = 0;
  for (const weight of weights) sum += weight;
  let given = 0;
  for (let i = 0; i < weights.length; i++) {
    counts[i] = Math.min(caps[i]!, Math.floor((weights[i]! / sum) * total));
    given += counts[i]!;
  }
  let capacity = 0;
  for (let i = 0; i < caps.length; i++) capacity += caps[i]! - counts[i]!;
  if (capacity < total - given) throw new Error(`cannot place ${total} items: the caps allow ${given + capacity}`);
  while (given < total) {
    const i = random.int(weights.length);
    if (counts[i]! < caps[i]!) {
      counts[i]! += 1;
      given += 1;
    }
  }
  return counts;
}

/** Drops the secondary indexes and triggers of the big tables (bulk loading is faster without them) and returns the SQL that recreates them. */
function dropSecondaryStructures(sqlite: Database.Database) {
  const structures = sqlite
    .prepare(
      `select type, name, sql from sqlite_master
       where type in ('index', 'trigger') and sql is not null
         and tbl_name in ('ideas', 'votes', 'comments', 'follows', 'notifications', 'idea_events', 'audit_log')`,
    )
    .all() as Array<{ type: "index" | "trigger"; name: string; sql: string }>;
  for (const { type, name } of structures) sqlite.exec(`drop ${type} "${name}"`);
  return structures.map((structure) => structure.sql);
}

export type BuildOptions = { size?: DatasetSize; seed?: number; now?: number; migrationsFolder?: string; analyze?: boolean };

/** Builds the data set into a new file at `file` (an existing file is replaced). */
export function buildDataset(file: string, options: BuildOptions = {}) {
  const size = options.size ?? FULL_SIZE;
  const now = options.now ?? Date.now();
  const random = seededRandom(options.seed ?? 19);
  const newId = idMaker(random);
  const start = now - HISTORY_DAYS * DAY;

  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(file + suffix, { force: true });
  const sqlite = new Database(file);
  migrate(drizzle(sqlite), { migrationsFolder: path.resolve(options.migrationsFolder ?? process.env.MIGRATIONS_PATH ?? "db/migrations") });
  // Nothing to protect while the file is built: a failed build is thrown away.
  sqlite.pragma("journal_mode = OFF");
  sqlite.pragma("synchronous = OFF");
  sqlite.pragma("cache_size = -1000000");
  sqlite.pragma("temp_store = MEMORY");
  // Rows go in table by table (an idea names its official comment before comments exist);
  // checkDataset runs the foreign key check on the result.
  sqlite.pragma("foreign_keys = OFF");
  const recreate = dropSecondaryStructures(sqlite);

  const insert = {
    site: sqlite.prepare("insert into site (id, name, default_locale, reply_promise_days, created_at) values (1, ?, 'en', 3, ?)"),
    user: sqlite.prepare(
      "insert into users (id, email, display_name, password_hash, role, job_title, bio, company, locale, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    ),
    category: sqlite.prepare("insert into categories (id, name, description, colour, archived_at, created_at) values (?, ?, ?, ?, ?, ?)"),
    challenge: sqlite.prepare(
      `insert into challenges (id, slug, title, brief_json, brief_html, brief_text, submission_opens_at, submission_closes_at, voting_opens_at, voting_closes_at,
         vote_budget, published_at, published_by_id, voting_announced_at, results_published_at, results_by_id, results_note_html, results_note_text, created_by_id, created_at)
       values (@id, @slug, @title, @briefJson, @briefHtml, @briefText, @opens, @closes, @votingOpens, @votingCloses,
         @budget, @published, @staff, @announced, @results, @resultsBy, @resultsHtml, @resultsText, @staff, @published)`,
    ),
    winner: sqlite.prepare("insert into challenge_winners (challenge_id, idea_id, rank) values (?, ?, ?)"),
    idea: sqlite.prepare(
      `insert into ideas (id, title, body_json, body_html, body_text, author_id, category_id, status, vote_count, comment_count, trending_score,
         last_activity_at, first_response_at, first_responder_id, assignee_id, status_changed_at, adopted_at, adopted_by_id, hidden_at, hidden_reason,
         official_comment_id, challenge_id, created_at, search_title, search_body)
       values (@id, @title, @bodyJson, @bodyHtml, @bodyText, @authorId, @categoryId, @status, @voteCount, @commentCount, @trendingScore,
         @lastActivityAt, @firstResponseAt, @firstResponderId, @assigneeId, @statusChangedAt, @adoptedAt, @adoptedById, @hiddenAt, @hiddenReason,
         @officialCommentId, @challengeId, @createdAt, @searchTitle, @searchBody)`,
    ),
    vote: sqlite.prepare("insert into votes (idea_id, user_id, created_at) values (?, ?, ?)"),
    comment: sqlite.prepare(
      `insert into comments (id, idea_id, author_id, parent_id, depth, kind, body_json, body_html, body_text, deleted_at, hidden_at, hidden_reason, created_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    event: sqlite.prepare(
      "insert into idea_events (idea_id, actor_id, kind, comment_id, from_status, to_status, note_html, note_text, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    ),
    audit: sqlite.prepare("insert into audit_log (actor_id, action, target_type, target_id, details, created_at) values (?, 'idea.status', 'idea', ?, ?, ?)"),
    notification: sqlite.prepare(
      "insert into notifications (recipient_id, kind, actor_id, idea_id, comment_id, read_at, created_at) values (?, 'reply', ?, ?, ?, ?, ?)",
    ),
  };

  sqlite.exec("begin");
  insert.site.run("Tertulia bench", start - 60 * DAY);

  // People: customers (some write in Spanish), staff with titles, one admin.
  const customers: string[] = [];
  const staff: string[] = [];
  const name = () => `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`;
  const admin = newId();
  insert.user.run(admin, "admin@bench.example", name(), "bench: no password", "admin", "Head of customer experience", null, null, null, start - 60 * DAY);
  for (let i = 0; i < size.staff; i++) {
    const id = newId();
    staff.push(id);
    insert.user.run(id, `staff${i}@bench.example`, name(), "bench: no password", "staff", random.pick(["Product manager", "Support lead", "Engineer", "Store manager"]), "Here to listen.", null, null, start - 50 * DAY);
  }
  for (let i = 0; i < size.people; i++) {
    const id = newId();
    customers.push(id);
    const locale = random.chance(0.3) ? "es" : random.chance(0.1) ? "en" : null;
    insert.user.run(id, `customer${i}@bench.example`, name(), "bench: no password", "customer", null, null, random.chance(0.1) ? "Acme S.L." : null, locale, start - 30 * DAY + random.int(30 * DAY));
  }
  // Everyone's address counts as confirmed since they joined: they all take part.
  sqlite.prepare("update users set email_verified_at = created_at").run();
  const allStaff = [admin, ...staff];

  const CATEGORY_NAMES = ["Payments", "Delivery", "Mobile app", "Stores", "Support", "Website", "Loyalty", "Returns", "Business accounts", "Sustainability"];
  CATEGORY_NAMES.forEach((category, index) =>
    insert.category.run(index + 1, category, `Ideas about ${category.toLowerCase()}.`, `#${(0x1e40af + index * 0x131313).toString(16).slice(-6)}`, index === 9 ? start : null, start - 60 * DAY),
  );
  const liveCategories = CATEGORY_NAMES.length - 1;

  // Challenges in each phase: finished with results, voting now (with a budget), open for ideas, coming soon.
  const challenges: ChallengePlan[] = [
    { slug: "faster-checkout", title: "How could we make check-out faster?", opens: now - 200 * DAY, closes: now - 170 * DAY, votingOpens: now - 165 * DAY, votingCloses: now - 150 * DAY, budget: null, published: now - 205 * DAY, share: 0.4 },
    { slug: "greener-deliveries", title: "Greener deliveries", opens: now - 60 * DAY, closes: now - 20 * DAY, votingOpens: now - 15 * DAY, votingCloses: now + 30 * DAY, budget: VOTING_BUDGET, published: now - 61 * DAY, share: 0.4 },
    { slug: "store-of-the-future", title: "The store of the future", opens: now - 10 * DAY, closes: now + 30 * DAY, votingOpens: now + 35 * DAY, votingCloses: now + 50 * DAY, budget: null, published: now - 11 * DAY, share: 0.4 },
    { slug: "loyalty-rethought", title: "Loyalty, rethought", opens: now + 20 * DAY, closes: now + 40 * DAY, votingOpens: now + 45 * DAY, votingCloses: now + 60 * DAY, budget: null, published: now - DAY, share: 0 },
  ];

  // Ideas, oldest first (ids follow creation time, as they do in a live portal).
  const ideaCount = size.ideas;
  const created = new Float64Array(ideaCount);
  const language: Language[] = new Array(ideaCount);
  const challengeOf = new Int32Array(ideaCount); // 0: none, else challenge index + 1
  for (let i = 0; i < ideaCount; i++) {
    created[i] = start + Math.floor(((i + random.next()) / ideaCount) * (now - start - 3600_000));
    language[i] = random.chance(0.35) ? "es" : "en";
    const challenge = challenges.findIndex((c) => c.opens <= created[i]! && created[i]! < c.closes);
    challengeOf[i] = challenge >= 0 && random.chance(challenges[challenge]!.share) ? challenge + 1 : 0;
  }
  const votingWindow = (i: number): [number, number] | null => {
    const challenge = challengeOf[i] ? challenges[challengeOf[i]! - 1]! : null;
    if (!challenge) return [created[i]!, now];
    if (challenge.votingOpens > now) return null;
    return [Math.max(created[i]!, challenge.votingOpens), Math.min(now, challenge.votingCloses)];
  };

  // Votes: a heavy tail (a few ideas gather thousands), none outside a challenge's voting window.
  const voteWeights = new Float64Array(ideaCount);
  const voteCaps = new Int32Array(ideaCount);
  const maxVoters = Math.floor(size.people * MAX_VOTERS_SHARE);
  for (let i = 0; i < ideaCount; i++) {
    voteWeights[i] = Math.exp(1.5 * random.gaussian());
    voteCaps[i] = votingWindow(i) ? maxVoters : 0;
  }
  const voteCount = apportion(random, voteWeights, voteCaps, size.votes);

  // Comments: a heavy tail too, skewed towards the idea's first days.
  const commentWeights = new Float64Array(ideaCount);
  const commentCaps = new Int32Array(ideaCount).fill(MAX_COMMENTS_PER_IDEA);
  for (let i = 0; i < ideaCount; i++) commentWeights[i] = Math.exp(1.2 * random.gaussian());
  const commentTotal = apportion(random, commentWeights, commentCaps, size.comments);
  const comments: CommentPlan[] = [];
  for (let i = 0; i < ideaCount; i++) {
    const times = Array.from({ length: commentTotal[i]! }, () => created[i]! + 60_000 + Math.floor(Math.pow(random.next(), 2) * (now - created[i]! - 60_000))).sort((a, b) => a - b);
    const published: CommentPlan[] = [];
    for (const createdAt of times) {
      const internal = random.chance(0.015);
      const byStaff = internal || random.chance(0.06);
      const parent = !internal && published.length > 0 && random.chance(0.35) ? random.pick(published) : null;
      const deleted = random.chance(0.01);
      const comment: CommentPlan = {
        id: 0,
        ideaIndex: i,
        authorId: byStaff ? random.pick(allStaff) : customers[random.skewedInt(customers.length, 1.5)]!,
        staff: byStaff,
        parent,
        depth: parent ? parent.depth + 1 : 0,
        kind: internal ? "internal" : "public",
        body: deleted ? { json: "{}", html: "", text: "" } : commentBody(random, language[i]!),
        createdAt,
        // Deleted after every reply it got (replies to a deleted comment are refused).
        deletedAt: deleted ? now : null,
        hiddenAt: !deleted && random.chance(0.002) ? Math.min(now, createdAt + 3600_000) : null,
      };
      comments.push(comment);
      if (!internal) published.push(comment);
    }
  }
  // Comment ids follow time across the whole site, as they would have been handed out.
  comments.sort((a, b) => a.createdAt - b.createdAt);
  comments.forEach((comment, index) => (comment.id = index + 1));

  // What the comments did to their ideas: counts, last activity, the first word from the team.
  const commentCount = new Int32Array(ideaCount);
  const lastActivity = Float64Array.from(created);
  const firstResponse = new Float64Array(ideaCount).fill(Infinity);
  const firstResponder: Array<string | null> = new Array(ideaCount).fill(null);
  const firstStaffComment: Array<CommentPlan | null> = new Array(ideaCount).fill(null);
  const respond = (i: number, at: number, by: string) => {
    if (at < firstResponse[i]!) {
      firstResponse[i] = at;
      firstResponder[i] = by;
    }
  };
  for (const comment of comments) {
    if (comment.kind !== "public") continue;
    const i = comment.ideaIndex;
    if (!comment.deletedAt) commentCount[i]! += 1;
    lastActivity[i] = Math.max(lastActivity[i]!, comment.createdAt);
    if (comment.staff) {
      respond(i, comment.createdAt, comment.authorId);
      if (!comment.deletedAt && !firstStaffComment[i]) firstStaffComment[i] = comment;
    }
  }

  // Staff decisions: statuses with signed notes, official responses, adoptions, assignments.
  type IdeaPlan = Record<string, string | number | null>;
  const plans: IdeaPlan[] = new Array(ideaCount);
  const events: Array<[number, string, string, number | null, string | null, string | null, string | null, string | null, number]> = [];
  for (let i = 0; i < ideaCount; i++) {
    const id = i + 1;
    let status = "open";
    let statusChangedAt: number | null = null;
    let draw = random.next();
    for (let s = 0; s < SETTABLE.length; s++) {
      if (draw < STATUS_WEIGHTS[s]!) {
        status = SETTABLE[s]!;
        break;
      }
      draw -= STATUS_WEIGHTS[s]!;
    }
    const decidedBy = random.pick(allStaff);
    if (status !== "open") {
      statusChangedAt = created[i]! + Math.floor((0.2 + 0.6 * random.next()) * (now - created[i]!));
      const note = NOTE_REQUIRED.has(status) || random.chance(0.5) ? ideaBody(random, language[i]!) : null;
      events.push([id, decidedBy, "status_change", null, "open", status, note?.html ?? null, note?.text ?? null, statusChangedAt]);
      insert.audit.run(decidedBy, String(id), JSON.stringify({ from: "open", to: status }), statusChangedAt);
      if (note) respond(i, statusChangedAt, decidedBy);
      lastActivity[i] = Math.max(lastActivity[i]!, statusChangedAt);
    }
    const official = firstStaffComment[i] && random.chance(0.4) ? firstStaffComment[i]! : null;
    if (official) {
      const at = Math.min(now, official.createdAt + 60_000);
      events.push([id, official.authorId, "official_response", official.id, null, null, null, null, at]);
      respond(i, at, official.authorId);
      lastActivity[i] = Math.max(lastActivity[i]!, at);
    }
    const body = ideaBody(random, language[i]!);
    const hidden = random.chance(0.002);
    const title = ideaTitle(random, language[i]!);
    plans[i] = {
      id,
      title,
      ...ideaSearchColumns({ title, bodyText: body.text }),
      bodyJson: body.json,
      bodyHtml: body.html,
      bodyText: body.text,
      authorId: customers[random.skewedInt(customers.length, 1.5)]!,
      categoryId: random.chance(0.9) ? 1 + random.skewedInt(liveCategories, 1.5) : null,
      status,
      voteCount: voteCount[i]!,
      commentCount: commentCount[i]!,
      trendingScore: trendingScore(voteCount[i]!, new Date(created[i]!)),
      lastActivityAt: lastActivity[i]!,
      firstResponseAt: Number.isFinite(firstResponse[i]!) ? firstResponse[i]! : null,
      firstResponderId: firstResponder[i]!,
      assigneeId: status !== "open" && status !== "adopted" && status !== "declined" && random.chance(0.3) ? random.pick(staff.length ? staff : allStaff) : null,
      statusChangedAt,
      adoptedAt: status === "adopted" ? statusChangedAt : null,
      adoptedById: status === "adopted" ? decidedBy : null,
      hiddenAt: hidden ? Math.min(now, created[i]! + DAY) : null,
      hiddenReason: hidden ? "Spam" : null,
      officialCommentId: official?.id ?? null,
      challengeId: challengeOf[i]! || null,
      createdAt: created[i]!,
    };
  }

  // Challenges go in before their ideas; the finished one's winners are its three most voted.
  const finished = challenges[0]!;
  challenges.forEach((challenge, index) => {
    const brief = ideaBody(random, "en");
    const hasResults = challenge === finished;
    insert.challenge.run({
      ...challenge,
      id: index + 1,
      briefJson: brief.json,
      briefHtml: brief.html,
      briefText: brief.text,
      staff: allStaff[index % allStaff.length],
      announced: challenge.votingOpens <= now ? challenge.votingOpens : null,
      results: hasResults ? challenge.votingCloses + DAY : null,
      resultsBy: hasResults ? admin : null,
      resultsHtml: hasResults ? "<p>Thank you all: these three are on their way.</p>" : null,
      resultsText: hasResults ? "Thank you all: these three are on their way." : null,
    });
  });
  for (const plan of plans) insert.idea.run(plan);
  const finishedIdeas = plans.filter((plan) => plan.challengeId === 1).sort((a, b) => Number(b.voteCount) - Number(a.voteCount) || Number(a.id) - Number(b.id));
  finishedIdeas.slice(0, 3).forEach((plan, rank) => insert.winner.run(1, plan.id, rank + 1));

  // Votes, in primary-key order; nobody spends more than a challenge's budget.
  const chosen = new Uint8Array(customers.length);
  const spent = new Map<number, Uint16Array>();
  for (let i = 0; i < ideaCount; i++) {
    const wanted = voteCount[i]!;
    if (wanted === 0) continue;
    const window = votingWindow(i)!;
    const challenge = challengeOf[i] ? challenges[challengeOf[i]! - 1]! : null;
    const budget = challenge?.budget ? (spent.get(challengeOf[i]!) ?? spent.set(challengeOf[i]!, new Uint16Array(customers.length)).get(challengeOf[i]!)!) : null;
    const voters: number[] = [];
    for (let attempts = 0; voters.length < wanted; attempts++) {
      if (attempts > 1000 * wanted) throw new Error(`idea ${i + 1}: cannot find ${wanted} voters within the budget`);
      const person = random.skewedInt(customers.length, 1.3);
      if (chosen[person] || (budget && budget[person]! >= challenge!.budget!)) continue;
      chosen[person] = 1;
      voters.push(person);
      if (budget) budget[person]! += 1;
    }
    const ids = voters.map((person) => customers[person]!).sort();
    for (const person of voters) chosen[person] = 0;
    for (const userId of ids) insert.vote.run(i + 1, userId, window[0] + Math.floor(random.next() * (window[1] - window[0])));
  }

  for (const comment of comments) {
    insert.comment.run(
      comment.id,
      comment.ideaIndex + 1,
      comment.authorId,
      comment.parent?.id ?? null,
      comment.depth,
      comment.kind,
      comment.body.json,
      comment.body.html,
      comment.body.text,
      comment.deletedAt,
      comment.hiddenAt,
      comment.hiddenAt ? "Off topic" : null,
      comment.createdAt,
    );
    // A reply notifies the person replied to (never oneself); most have been read.
    if (comment.kind === "public") {
      const recipient = comment.parent ? comment.parent.authorId : (plans[comment.ideaIndex]!.authorId as string);
      if (recipient !== comment.authorId) {
        insert.notification.run(recipient, comment.authorId, comment.ideaIndex + 1, comment.id, random.chance(0.8) ? Math.min(now, comment.createdAt + 3600_000) : null, comment.createdAt);
      }
    }
  }
  for (const event of events) insert.event.run(...event);

  // Authors, voters and commenters follow what they took part in.
  sqlite.exec(`
    insert or ignore into follows (idea_id, user_id, created_at)
      select id, author_id, created_at from ideas
      union all select idea_id, user_id, created_at from votes
      union all select idea_id, author_id, created_at from comments where kind = 'public'
  `);
  sqlite.exec("commit");

  for (const statement of recreate) sqlite.exec(statement);
  sqlite.exec("insert into ideas_fts(ideas_fts) values ('rebuild')");
  if (options.analyze ?? true) sqlite.exec("analyze");
  sqlite.pragma("journal_mode = WAL");
  sqlite.close();
  return { challenges: challenges.map((challenge, index) => ({ id: index + 1, slug: challenge.slug, budget: challenge.budget })) };
}

/**
 * Every rule the app keeps between rows, checked against the file: an empty list when the
 * data set is consistent, else one line per broken rule.
 */
export function checkDataset(sqlite: Database.Database) {
  const problems: string[] = [];
  const count = (label: string, query: string) => {
    const { n } = sqlite.prepare(query).get() as { n: number };
    if (n > 0) problems.push(`${label}: ${n}`);
  };
  count("ideas whose vote_count is not their number of votes", "select count(*) as n from ideas i where vote_count != (select count(*) from votes v where v.idea_id = i.id)");
  count(
    "ideas whose comment_count is not their number of public, undeleted comments",
    "select count(*) as n from ideas i where comment_count != (select count(*) from comments c where c.idea_id = i.id and c.kind = 'public' and c.deleted_at is null)",
  );
  count(
    "ideas whose last_activity_at is not their last public comment, status change or official response",
    `select count(*) as n from ideas i where last_activity_at != max(created_at,
       coalesce((select max(created_at) from comments c where c.idea_id = i.id and c.kind = 'public'), 0),
       coalesce((select max(created_at) from idea_events e where e.idea_id = i.id and e.kind in ('status_change', 'official_response')), 0))`,
  );
  count(
    "ideas whose first response is not the team's first public word",
    `with responses as (
       select c.idea_id, c.created_at as at, c.author_id as responder from comments c join users u on u.id = c.author_id
         where c.kind = 'public' and u.role in ('staff', 'admin')
       union all
       select idea_id, created_at, actor_id from idea_events where kind = 'official_response' or (kind = 'status_change' and note_text is not null)
     ),
     firsts as (select idea_id, min(at) as at, responder from responses group by idea_id)
     select count(*) as n from ideas i left join firsts f on f.idea_id = i.id
     where i.first_response_at is not f.at or i.first_responder_id is not f.responder`,
  );
  count(
    "official responses that are not a public staff comment on the same idea",
    `select count(*) as n from ideas i left join comments c on c.id = i.official_comment_id left join users u on u.id = c.author_id
     where i.official_comment_id is not null and (c.idea_id is not i.id or c.kind != 'public' or c.deleted_at is not null or u.role not in ('staff', 'admin'))`,
  );
  count("replies deeper or shallower than their parent + 1", "select count(*) as n from comments c join comments p on p.id = c.parent_id where c.depth != p.depth + 1 or c.idea_id != p.idea_id");
  count("voters who do not follow the idea", "select count(*) as n from votes v where not exists (select 1 from follows f where f.idea_id = v.idea_id and f.user_id = v.user_id)");
  count(
    "votes outside their challenge's voting window",
    "select count(*) as n from votes v join ideas i on i.id = v.idea_id join challenges c on c.id = i.challenge_id where v.created_at < c.voting_opens_at or v.created_at >= c.voting_closes_at",
  );
  count(
    "people over a challenge's vote budget",
    `select count(*) as n from (select c.id, v.user_id, c.vote_budget, count(*) as spent from votes v join ideas i on i.id = v.idea_id join challenges c on c.id = i.challenge_id
       where c.vote_budget is not null group by c.id, v.user_id having spent > c.vote_budget)`,
  );
  count("ideas without search terms", "select count(*) as n from ideas where search_title is null or search_body is null");
  count("adopted ideas without who and when", "select count(*) as n from ideas where status = 'adopted' and (adopted_at is null or adopted_by_id is null)");
  const scores = sqlite.prepare("select id, vote_count as votes, created_at as createdAt, trending_score as score from ideas").all() as Array<{ id: number; votes: number; createdAt: number; score: number }>;
  const wrongScores = scores.filter((row) => Math.abs(row.score - trendingScore(row.votes, new Date(row.createdAt))) > 1e-9).length;
  if (wrongScores > 0) problems.push(`ideas whose trending_score is not trendingScore(vote_count, created_at): ${wrongScores}`);
  const foreignKeys = sqlite.pragma("foreign_key_check") as unknown[];
  if (foreignKeys.length > 0) problems.push(`foreign keys pointing nowhere: ${foreignKeys.length}`);
  try {
    sqlite.exec("insert into ideas_fts(ideas_fts, rank) values ('integrity-check', 1)");
  } catch (error) {
    problems.push(`the search index does not match the ideas: ${(error as Error).message}`);
  }
  return problems;
}

/**
 * The bench database (BENCH_DATABASE_PATH, else `fallback`), built on first use and reused after;
 * DATABASE_PATH points at it, so the app's modules must be imported after this call.
 */
export function prepareBenchDatabase(fallback = "data/bench.db") {
  const databasePath = path.resolve(process.env.BENCH_DATABASE_PATH ?? fallback);
  process.env.DATABASE_PATH = databasePath;
  if (!fs.existsSync(databasePath)) {
    console.log(`Building ${databasePath}…`);
    buildDataset(databasePath);
  }
  return databasePath;
}
