// Measures the ideas list at the product's target size: 100,000 ideas, 1,000,000 votes.
//   npx tsx bench/ideas-list.ts            (builds data/bench.db once, then reuses it)
// Prints the query plan of each list query and its median time over repeated runs.
import fs from "node:fs";
import path from "node:path";

const databasePath = path.resolve(process.env.BENCH_DATABASE_PATH ?? "data/bench.db");
process.env.DATABASE_PATH = databasePath;
const fresh = !fs.existsSync(databasePath);

const { sqlite } = await import("~/lib/db.server");
const { listIdeas, findSimilarIdeas } = await import("~/domain/ideas.server");
const { listQuerySchema } = await import("~/domain/ideas.schema");
const { trendingScore } = await import("~/domain/trending");
const { measure, printPlan } = await import("./support");

const IDEAS = 100_000;
const VOTES = 1_000_000;
const PEOPLE = 20_000;
const WORDS = "pago entrega tienda aplicación adopción café factura checkout delivery payment invoice parcel mobile store support refund weekend".split(" ");

if (fresh) {
  console.log(`Building ${databasePath}: ${PEOPLE} people, ${IDEAS} ideas, ${VOTES} votes…`);
  const started = performance.now();
  sqlite.exec("begin");
  sqlite.prepare("insert into site (id, name, default_locale) values (1, 'Bench', 'en')").run();
  const person = sqlite.prepare("insert into users (id, email, display_name, password_hash) values (?, ?, ?, 'x')");
  for (let i = 0; i < PEOPLE; i++) person.run(`p${i}`, `p${i}@bench.example`, `Person ${i}`);
  for (let c = 1; c <= 8; c++) sqlite.prepare("insert into categories (name, colour) values (?, '#123456')").run(`Category ${c}`);
  const idea = sqlite.prepare(
    `insert into ideas (title, body_json, body_html, body_text, author_id, category_id, status, vote_count, trending_score, last_activity_at, created_at)
     values (?, '{}', '', ?, ?, ?, ?, 0, 0, ?, ?)`,
  );
  const statuses = ["open", "open", "open", "under_review", "planned", "in_progress", "adopted", "declined"];
  const now = Date.now();
  for (let i = 0; i < IDEAS; i++) {
    const words = Array.from({ length: 6 }, (_, k) => WORDS[(i * 7 + k * 13) % WORDS.length]).join(" ");
    const createdAt = now - (IDEAS - i) * 60_000;
    idea.run(`Idea ${i}: ${words}`, `${words} ${words}`, `p${i % PEOPLE}`, (i % 8) + 1, statuses[i % statuses.length], createdAt, createdAt);
  }
  const vote = sqlite.prepare("insert or ignore into votes (idea_id, user_id) values (?, ?)");
  for (let v = 0; v < VOTES; v++) {
    // Skewed towards some ideas, as real votes are.
    const ideaId = 1 + Math.floor(Math.pow((v * 2654435761) % 1_000_003 / 1_000_003, 3) * IDEAS);
    vote.run(ideaId, `p${(v * 31) % PEOPLE}`);
  }
  sqlite.exec("update ideas set vote_count = (select count(*) from votes where idea_id = ideas.id)");
  const rows = sqlite.prepare("select id, vote_count as votes, created_at as createdAt from ideas").all() as Array<{ id: number; votes: number; createdAt: number }>;
  const score = sqlite.prepare("update ideas set trending_score = ? where id = ?");
  for (const row of rows) score.run(trendingScore(row.votes, new Date(row.createdAt)), row.id);
  sqlite.exec("commit");
  sqlite.exec("analyze");
  console.log(`Built in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
}

const viewer = "p123";
const cases: Array<Record<string, string>> = [
  {},
  { sort: "top" },
  { sort: "new" },
  { sort: "active" },
  { status: "planned" },
  { category: "3" },
  { category: "3", status: "adopted", sort: "top" },
  { q: "adopcion" },
  { q: "checkout weekend", sort: "new" },
];
console.log("\nList queries (20 per page, with author, category and the viewer's vote):");
for (const input of cases) {
  const query = listQuerySchema.parse(input);
  measure(`/?${new URLSearchParams(input)}`, () => listIdeas(query, viewer));
}
const deep = listQuerySchema.parse({});
let cursor: string | null = null;
for (let page = 0; page < 50; page++) cursor = listIdeas({ ...deep, after: cursor ?? undefined }, viewer).nextCursor;
measure("page 51 of trending (cursor)", () => listIdeas({ ...deep, after: cursor ?? undefined }, viewer));
measure("similar ideas for 'pago con tarjeta'", () => findSimilarIdeas("pago con tarjeta"));

console.log("\nQuery plans:");
for (const input of [{}, { category: "3", status: "adopted", sort: "top" }, { q: "adopcion" }] as Record<string, string>[]) {
  printPlan(sqlite, `/?${new URLSearchParams(input)}`, () => listIdeas(listQuerySchema.parse(input), viewer));
}
