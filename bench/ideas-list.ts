// Measures the ideas list's queries at the product's target size, one by one, in this process
// (for the whole server under load, see `npm run bench`).
//   npx tsx bench/ideas-list.ts            (builds data/bench.db once with bench/dataset.ts, then reuses it)
// Prints the query plan of each list query and its median time over repeated runs.
import { prepareBenchDatabase } from "./dataset";

prepareBenchDatabase();

// SQLite's query plans: this bench runs on SQLite (bench/run.ts measures both engines).
delete process.env.DATABASE_URL;
const { driver: sqlite } = await import("~/lib/db.server");
if (sqlite.engine !== "sqlite") throw new Error("bench/ideas-list.ts measures SQLite");
const { listIdeas } = await import("~/domain/ideas.server");
const { findSimilarIdeas } = await import("~/domain/search.server");
const { measure, printPlan } = await import("./support");

const viewer = (sqlite.reader.prepare("select id from users where role = 'customer' order by id limit 1").get() as { id: string }).id;
type Query = Parameters<typeof listIdeas>[0];
/** The list's query as the page reads it from `?sort=…&status=…&category=…&q=…`. */
const toQuery = (input: Record<string, string>): Query => ({
  sort: (input.sort ?? "trending") as Query["sort"],
  status: input.status as Query["status"],
  category: input.category ? Number(input.category) : undefined,
  q: input.q,
});
const cases: Array<Record<string, string>> = [
  {},
  { sort: "top" },
  { sort: "new" },
  { sort: "active" },
  { status: "planned" },
  { category: "3" },
  { category: "3", status: "adopted", sort: "top" },
  { q: "factura" },
  { q: "payment" },
  { q: "delivery app", sort: "new" },
];
console.log("\nList queries (20 per page, with author, category and the viewer's vote):");
for (const input of cases) {
  const query = toQuery(input);
  await measure(`/?${new URLSearchParams(input)}`, () => listIdeas(query, viewer));
}
const deep = toQuery({});
let cursor: string | null = null;
for (let page = 0; page < 50; page++) cursor = (await listIdeas({ ...deep, after: cursor ?? undefined }, viewer)).nextCursor;
await measure("page 51 of trending (cursor)", () => listIdeas({ ...deep, after: cursor ?? undefined }, viewer));
await measure("similar ideas for 'Pagar con tarjeta en la caja'", () => findSimilarIdeas("Pagar con tarjeta en la caja"));

console.log("\nQuery plans:");
for (const input of [{}, { category: "3", status: "adopted", sort: "top" }, { q: "payment" }] as Record<string, string>[]) {
  await printPlan(sqlite.reader, `/?${new URLSearchParams(input)}`, () => listIdeas(toQuery(input), viewer));
}
