// Measures /admin/insights and its exports at the product's target size (100,000 ideas,
// 1,000,000 votes, 300,000 comments over two years), in this process.
//   npx tsx bench/insights.ts            (builds data/bench.db once with bench/dataset.ts, then reuses it)
// Prints the median time of every figure of the page for 7, 30 and 90 days (all of it, as the
// loader asks for it), and how fast each CSV export streams (rows per second, whole files).
import { prepareBenchDatabase } from "./dataset";

prepareBenchDatabase();

// This bench reads its data set's figures straight from the SQLite file.
delete process.env.DATABASE_URL;
const { driver: sqlite } = await import("~/lib/db.server");
if (sqlite.engine !== "sqlite") throw new Error("bench/insights.ts measures SQLite");
const { getInsights } = await import("~/domain/insights.server");
const { resolvePeriod } = await import("~/domain/insights-period");
const { exportComments, exportIdeas, exportVotes } = await import("~/domain/exports.server");
const { csvResponse } = await import("~/web/csv.server");
const { measure } = await import("./support");

// The data set's "now" is when it was built: the newest idea tells it.
const newest = (sqlite.reader.prepare("select max(created_at) as at from ideas").get() as { at: number }).at;
const now = new Date(newest + 3600_000);
const category = (sqlite.reader.prepare("select category_id as id from ideas where category_id is not null group by category_id order by count(*) desc limit 1").get() as { id: number }).id;

console.log(`\n/admin/insights, every section (the data set's now: ${now.toISOString()}):`);
for (const choice of ["7d", "30d", "90d"] as const) {
  const period = resolvePeriod(choice, now, "UTC");
  await measure(`${choice}`, () => getInsights({ period, filters: {}, replyPromiseDays: 3, now }), 10);
  await measure(`${choice}, one category`, () => getInsights({ period, filters: { categoryId: category }, replyPromiseDays: 3, now }), 10);
}

console.log("\nExports of 90 days, streamed to the end (CSV encoding included):");
const period = resolvePeriod("90d", now, "UTC");
const exports = {
  ideas: () => exportIdeas(period, {}),
  votes: () => exportVotes(period, {}),
  comments: () => exportComments(period, {}),
};
for (const [name, rows] of Object.entries(exports)) {
  const started = performance.now();
  let count = 0;
  async function* cells() {
    for await (const batch of rows()) {
      count += batch.length;
      yield batch.map((row) => Object.values(row) as Array<string | number | Date | null>);
    }
  }
  const response = csvResponse("bench.csv", ["a"], cells());
  const bytes = (await response.arrayBuffer()).byteLength;
  const seconds = (performance.now() - started) / 1000;
  console.log(`${name.padEnd(10)} ${count.toLocaleString("en")} rows, ${(bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(2)} s: ${Math.round(count / seconds).toLocaleString("en")} rows/s`);
}
// Every vote there is, for the export's worst case (two years).
{
  const all = { start: new Date(0), end: now };
  const started = performance.now();
  let count = 0;
  for await (const batch of exportVotes(all, {})) count += batch.length;
  const seconds = (performance.now() - started) / 1000;
  console.log(`${"all votes".padEnd(10)} ${count.toLocaleString("en")} rows read in ${seconds.toFixed(2)} s: ${Math.round(count / seconds).toLocaleString("en")} rows/s`);
}
