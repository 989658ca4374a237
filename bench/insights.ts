// Measures /admin/insights and its exports at the product's target size (100,000 ideas,
// 1,000,000 votes, 300,000 comments over two years), in this process.
//   npx tsx bench/insights.ts            (builds data/bench.db once with bench/dataset.ts, then reuses it)
// Prints the median time of every figure of the page for 7, 30 and 90 days: counted afresh
// (getInsights, what the background job or a first look pays), with how long the count held the
// event loop (it reads on a worker thread, decision 0024: the process's CPU counts both threads,
// "loop busy" only this one); then as the page answers when the figures are kept (keptInsights,
// decisions 0021 and 0024); then how fast each CSV export streams (rows per second of wall-clock
// and of the process's CPU time, whole files, CSV encoding included).
import { monitorEventLoopDelay, performance as hooks } from "node:perf_hooks";
import { prepareBenchDatabase } from "./dataset";

prepareBenchDatabase();

// This bench reads its data set's figures straight from the SQLite file.
delete process.env.DATABASE_URL;
const { driver: sqlite } = await import("~/lib/db.server");
if (sqlite.engine !== "sqlite") throw new Error("bench/insights.ts measures SQLite");
const { getInsights, keptInsights } = await import("~/domain/insights.server");
const { resolvePeriod } = await import("~/domain/insights-period");
const { exportVotes } = await import("~/domain/exports.server");
const { commentsCsv, ideasCsv, votesCsv } = await import("~/web/insights-exports.server");
const { i18nForRendering } = await import("~/lib/i18n.server");
const { measure } = await import("./support");
const { setClock } = await import("~/lib/clock.server");

// The data set's "now" is when it was built: the newest idea tells it.
const newest = (sqlite.reader.prepare("select max(created_at) as at from ideas").get() as { at: number }).at;
const now = new Date(newest + 3600_000);
const category = (sqlite.reader.prepare("select category_id as id from ideas where category_id is not null group by category_id order by count(*) desc limit 1").get() as { id: number }).id;

console.log(`\n/admin/insights, every section counted (the data set's now: ${now.toISOString()}):`);
for (const choice of ["7d", "30d", "90d"] as const) {
  const period = resolvePeriod(choice, now, "UTC");
  await measure(`${choice}`, () => getInsights({ period, filters: {}, replyPromiseDays: 3, now }), 10);
  await measure(`${choice}, one category`, () => getInsights({ period, filters: { categoryId: category }, replyPromiseDays: 3, now }), 10);
}
// How long one count of 90 days holds this thread's event loop: its busy time and its longest stall.
{
  const period = resolvePeriod("90d", now, "UTC");
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const busyBefore = hooks.eventLoopUtilization();
  const started = performance.now();
  await getInsights({ period, filters: {}, replyPromiseDays: 3, now });
  const wall = performance.now() - started;
  const busy = hooks.eventLoopUtilization(busyBefore);
  delay.disable();
  console.log(`90d count: ${wall.toFixed(0)} ms, event loop busy ${busy.active.toFixed(0)} ms of it, longest stall ${(delay.max / 1e6).toFixed(0)} ms`);
}
console.log("\n/admin/insights with its figures kept (in the database, by the background job or an earlier look):");
setClock(now);
for (const choice of ["7d", "30d", "90d"] as const) {
  const ask = { choice, timeZone: "UTC", filters: {} };
  await keptInsights(ask, 3);
  await measure(`${choice}, kept`, () => keptInsights(ask, 3), 30);
}

console.log("\nExports of 90 days, as their routes answer them, streamed to the end (names, translations, CSV encoding; the median of 5 runs after one that warms the code up, as in a server that has answered requests before):");
const period = resolvePeriod("90d", now, "UTC");
const t = i18nForRendering("en").t as (key: string) => string;
const downloads = { ideas: ideasCsv, votes: votesCsv, comments: commentsCsv };
for (const [name, download] of Object.entries(downloads)) {
  const stream = () => download({ range: period, filters: {}, t, siteName: "Bench", day: now }).arrayBuffer();
  await stream();
  const runs: Array<{ seconds: number; cpuSeconds: number; bytes: number }> = [];
  for (let run = 0; run < 5; run++) {
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    const bytes = (await stream()).byteLength;
    const cpu = process.cpuUsage(cpuStarted);
    runs.push({ seconds: (performance.now() - started) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6, bytes });
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const seconds = median(runs.map((run) => run.seconds));
  const cpuSeconds = median(runs.map((run) => run.cpuSeconds));
  const bytes = runs[0]!.bytes;
  const rows = (sqlite.reader.prepare(`select count(*) as n from ${name} where created_at >= ? and created_at < ?`).get(period.start.getTime(), period.end.getTime()) as { n: number }).n;
  console.log(
    `${name.padEnd(10)} ${rows.toLocaleString("en")} rows, ${(bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(2)} s (CPU ${cpuSeconds.toFixed(2)} s): ${Math.round(rows / seconds).toLocaleString("en")} rows/s, ${Math.round(rows / cpuSeconds).toLocaleString("en")} rows per CPU second`,
  );
}
// Every vote there is, for the export's worst case (two years).
{
  const all = { start: new Date(0), end: now };
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  let count = 0;
  for await (const batch of exportVotes(all, {})) count += batch.length;
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStarted);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  console.log(
    `${"all votes".padEnd(10)} ${count.toLocaleString("en")} rows read in ${seconds.toFixed(2)} s (CPU ${cpuSeconds.toFixed(2)} s): ${Math.round(count / seconds).toLocaleString("en")} rows/s, ${Math.round(count / cpuSeconds).toLocaleString("en")} rows per CPU second`,
  );
}
