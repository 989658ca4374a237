// Measures the ideas list's queries at the product's target size, one by one, in this process
// (for the whole server under load, see `npm run bench`).
//   npx tsx bench/ideas-list.ts            (builds data/bench.db once with bench/dataset.ts, then reuses it)
// Prints the query plan of each list query and its median time over repeated runs.
import fs from "node:fs";
import path from "node:path";
import { buildDataset } from "./dataset";

const databasePath = path.resolve(process.env.BENCH_DATABASE_PATH ?? "data/bench.db");
process.env.DATABASE_PATH = databasePath;
if (!fs.existsSync(databasePath)) {
  console.log(`Building ${databasePath}…`);
  buildDataset(databasePath);
}

const { sqlite } = await import("~/lib/db.server");
const { listIdeas, findSimilarIdeas } = await import("~/domain/ideas.server");
const { listQuerySchema } = await import("~/domain/ideas.schema");
const { measure, printPlan } = await import("./support");

const viewer = (sqlite.prepare("select id from users where role = 'customer' order by id limit 1").get() as { id: string }).id;
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
  const query = listQuerySchema.parse(input);
  measure(`/?${new URLSearchParams(input)}`, () => listIdeas(query, viewer));
}
const deep = listQuerySchema.parse({});
let cursor: string | null = null;
for (let page = 0; page < 50; page++) cursor = listIdeas({ ...deep, after: cursor ?? undefined }, viewer).nextCursor;
measure("page 51 of trending (cursor)", () => listIdeas({ ...deep, after: cursor ?? undefined }, viewer));
measure("similar ideas for 'Pagar con tarjeta en la caja'", () => findSimilarIdeas("Pagar con tarjeta en la caja"));

console.log("\nQuery plans:");
for (const input of [{}, { category: "3", status: "adopted", sort: "top" }, { q: "payment" }] as Record<string, string>[]) {
  printPlan(sqlite, `/?${new URLSearchParams(input)}`, () => listIdeas(listQuerySchema.parse(input), viewer));
}
