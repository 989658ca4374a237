// Measures challenges at size: one challenge with 10,000 ideas and 150,000 votes, 300 others.
//   npx tsx bench/challenges.ts            (builds data/bench-challenges.db once, then reuses it)
// Prints each query's plan and its median time over repeated runs.
import fs from "node:fs";
import path from "node:path";

const databasePath = path.resolve(process.env.BENCH_DATABASE_PATH ?? "data/bench-challenges.db");
process.env.DATABASE_PATH = databasePath;
const fresh = !fs.existsSync(databasePath);

// SQLite's query plans: this bench runs on SQLite (bench/run.ts measures both engines).
delete process.env.DATABASE_URL;
const { driver: connections } = await import("~/lib/db.server");
if (connections.engine !== "sqlite") throw new Error("bench/challenges.ts measures SQLite");
// Data is loaded straight into the file (one process, nothing else writing); queries run through the app.
const sqlite = connections.writer;
const { budgetFor, listPublishedChallenges } = await import("~/domain/challenges.server");
const { listChallengeIdeas } = await import("~/domain/ideas.server");
const { setVote } = await import("~/domain/votes.server");
const { measure, printPlan } = await import("./support");

const PEOPLE = 10_000;
const BIG_IDEAS = 10_000;
const BIG_VOTES = 150_000;
const OTHER_CHALLENGES = 300;
const DAY = 24 * 3600_000;
const now = Date.now();

if (fresh) {
  console.log(`Building ${databasePath}…`);
  const started = performance.now();
  sqlite.exec("begin");
  sqlite.prepare("insert into site (id, name, default_locale) values (1, 'Bench', 'en')").run();
  const person = sqlite.prepare("insert into users (id, email, display_name, password_hash, role) values (?, ?, ?, 'x', ?)");
  person.run("staff", "staff@bench.example", "Staff", "staff");
  for (let i = 0; i < PEOPLE; i++) person.run(`p${i}`, `p${i}@bench.example`, `Person ${i}`, "customer");
  const challenge = sqlite.prepare(
    `insert into challenges (slug, title, brief_json, brief_html, brief_text, submission_opens_at, submission_closes_at, voting_opens_at, voting_closes_at,
       vote_budget, published_at, published_by_id, created_by_id) values (?, ?, '{}', '', 'A brief', ?, ?, ?, ?, ?, ?, 'staff', 'staff')`,
  );
  // The big one is voting now, with a budget of 20 votes each.
  challenge.run("big", "The big challenge", now - 30 * DAY, now - 10 * DAY, now - 5 * DAY, now + 5 * DAY, 20, now - 31 * DAY);
  for (let c = 0; c < OTHER_CHALLENGES; c++) {
    const start = now - (c - 150) * 7 * DAY;
    challenge.run(`other-${c}`, `Challenge ${c}`, start, start + 7 * DAY, start + 8 * DAY, start + 14 * DAY, null, start - DAY);
  }
  const idea = sqlite.prepare(
    `insert into ideas (title, body_json, body_html, body_text, author_id, challenge_id, vote_count, trending_score, last_activity_at, created_at)
     values (?, '{}', '', 'An answer', ?, ?, 0, 0, ?, ?)`,
  );
  for (let i = 0; i < BIG_IDEAS; i++) idea.run(`Answer ${i}`, `p${i % PEOPLE}`, 1, now - 20 * DAY, now - 20 * DAY);
  for (let c = 0; c < OTHER_CHALLENGES; c++) for (let i = 0; i < 10; i++) idea.run(`Answer ${c}.${i}`, `p${(c * 10 + i) % PEOPLE}`, c + 2, now, now);
  const vote = sqlite.prepare("insert or ignore into votes (idea_id, user_id) values (?, ?)");
  // Fifteen votes per person in the big challenge, skewed towards some ideas.
  for (let v = 0; v < BIG_VOTES; v++) vote.run(1 + Math.floor(Math.pow(((v * 2654435761) % 1_000_003) / 1_000_003, 2) * BIG_IDEAS), `p${v % PEOPLE}`);
  sqlite.exec("update ideas set vote_count = (select count(*) from votes where idea_id = ideas.id) where challenge_id = 1");
  sqlite.exec("commit");
  sqlite.exec("analyze");
  console.log(`Built in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
}

const viewer = "p123";
const big = { id: 1, voteBudget: 20 };
console.log("\nChallenge queries (30 ideas per page, with author, category and the viewer's vote):");
await measure("/challenges (301 challenges, idea counts)", () => listPublishedChallenges());
await measure("big challenge, ranked by votes, page 1", () => listChallengeIdeas({ challengeId: 1, order: "votes", seed: 42, viewerId: viewer, page: 1 }));
await measure("big challenge, shuffled, page 1", () => listChallengeIdeas({ challengeId: 1, order: "shuffled", seed: 42, viewerId: viewer, page: 1 }));
await measure("big challenge, shuffled, page 300", () => listChallengeIdeas({ challengeId: 1, order: "shuffled", seed: 42, viewerId: viewer, page: 300 }));
await measure("votes left in the budget", () => budgetFor(big, viewer));
await measure("vote and take it back (two write transactions)", async () => {
  await setVote(5000, viewer, true);
  await setVote(5000, viewer, false);
});

console.log("\nQuery plans:");
await printPlan(connections.reader, "ranked by votes", () => listChallengeIdeas({ challengeId: 1, order: "votes", seed: 42, viewerId: viewer, page: 1 }));
await printPlan(connections.reader, "shuffled", () => listChallengeIdeas({ challengeId: 1, order: "shuffled", seed: 42, viewerId: viewer, page: 1 }));
await printPlan(connections.reader, "votes left in the budget", () => budgetFor(big, viewer));
