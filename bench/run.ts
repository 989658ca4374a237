// `npm run bench`: the whole server at size. Builds the data set (bench/dataset.ts) into a fresh
// SQLite file, starts the production server on it with the probe preloaded
// (bench/server-probe.mjs), signs some customers in, and drives each scenario with autocannon
// at each concurrency, printing throughput, latency, the server's CPU per request, its memory
// and its event-loop delay. See docs/performance.md for how to read the figures.
//
//   npm run bench                                  every scenario at concurrency 1, 10 and 50
//   npm run bench -- --scenario list-html,vote     only these
//   npm run bench -- --short                       a quick check: 3 s per run, concurrency 10
//   npm run bench -- --connections 10 --duration 20
//   npm run bench -- --profile                     also write the server's CPU profile (--cpu-prof)
//   npm run bench -- --reuse-data                  keep data/bench/bench.db if it is there
//   node scripts/test-postgres.mjs npx tsx bench/run.ts --engine postgres
//                                                  the same on PostgreSQL: the data set is copied
//                                                  into a fresh database of the server at
//                                                  POSTGRES_TEST_URL with db:export-to-postgres
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import Database from "better-sqlite3";
import pg from "pg";
import { buildDataset, checkDataset } from "./dataset";
import { newSession as makeSession } from "./support";
import { COMMON_SEARCHES } from "./text";

const SCENARIOS = ["list-html", "list-data", "idea-html", "search", "similar", "vote"] as const;
type Scenario = (typeof SCENARIOS)[number];

const { values: args } = parseArgs({
  options: {
    scenario: { type: "string" },
    connections: { type: "string" },
    duration: { type: "string" },
    short: { type: "boolean", default: false },
    profile: { type: "boolean", default: false },
    "reuse-data": { type: "boolean", default: false },
    engine: { type: "string", default: "sqlite" },
  },
});
if (args.engine !== "sqlite" && args.engine !== "postgres") throw new Error(`--engine is sqlite or postgres, not ${args.engine}`);
const onPostgres = args.engine === "postgres";
if (onPostgres && !process.env.POSTGRES_TEST_URL) {
  throw new Error("--engine postgres needs a PostgreSQL server: node scripts/test-postgres.mjs npx tsx bench/run.ts --engine postgres (or set POSTGRES_TEST_URL to a superuser's address)");
}
const scenarios = (args.scenario?.split(",") ?? [...SCENARIOS]) as Scenario[];
for (const scenario of scenarios) if (!SCENARIOS.includes(scenario)) throw new Error(`unknown scenario ${scenario}; known: ${SCENARIOS.join(", ")}`);
const connectionLevels = (args.connections ?? (args.short ? "10" : "1,10,50")).split(",").map(Number);
const duration = Number(args.duration ?? (args.short ? 3 : 10));
const warmUp = args.short ? 1 : 3;

const workDirectory = path.resolve("data/bench");
const databasePath = path.join(workDirectory, "bench.db");
const probeFile = path.join(workDirectory, "probe.json");
fs.mkdirSync(workDirectory, { recursive: true });

// A browser's headers: the server streams HTML to browsers (bots wait for the whole page).
const BROWSER = {
  "user-agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
  accept: "text/html,application/xhtml+xml,*/*;q=0.8",
  "accept-encoding": "gzip, deflate, br",
};

function timed<T>(label: string, run: () => T) {
  const started = performance.now();
  const result = run();
  console.log(`${label} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

// 1. The data set.
if (!(args["reuse-data"] && fs.existsSync(databasePath))) {
  timed("Data set built (100,000 ideas, 1,000,000 votes, 300,000 comments)", () => buildDataset(databasePath));
  const problems = timed("Data set checked", () => {
    const sqlite = new Database(databasePath);
    try {
      return checkDataset(sqlite);
    } finally {
      sqlite.close();
    }
  });
  if (problems.length > 0) throw new Error(`the data set is inconsistent:\n${problems.join("\n")}`);
}

// 2. Sessions for some customers, made directly (their passwords are not real), and what to visit.
type Reader = { label: string; headers: Record<string, string> };
const sqlite = new Database(databasePath);
const newSession = (userId: string) => makeSession(sqlite, userId);
const customerWith = (locale: string) => (sqlite.prepare("select id from users where role = 'customer' and locale = ? order by id limit 1").get(locale) as { id: string }).id;
const readers: Reader[] = [
  { label: "visitor, English", headers: { ...BROWSER, "accept-language": "en-GB,en;q=0.9" } },
  { label: "visitor, Spanish", headers: { ...BROWSER, "accept-language": "es-ES,es;q=0.9,en;q=0.5" } },
  { label: "customer, English", headers: { ...BROWSER, "accept-language": "en-US,en;q=0.9", cookie: `${newSession(customerWith("en"))}; tz=Europe%2FLondon` } },
  { label: "customer, Spanish", headers: { ...BROWSER, "accept-language": "es-ES,es;q=0.9", cookie: `${newSession(customerWith("es"))}; tz=Europe%2FMadrid` } },
];
// Idea pages people actually open: recent ones with a discussion going on.
const ideaIds = (sqlite.prepare("select id from ideas where hidden_at is null and comment_count between 15 and 40 order by id desc limit 4").all() as Array<{ id: number }>).map((row) => row.id);
// The vote: the idea on top of the list, each connection voting as its own person.
const voteIdeaId = (sqlite.prepare("select id from ideas where hidden_at is null and challenge_id is null and merged_into_id is null order by trending_score desc limit 1").get() as { id: number }).id;
const voters = (sqlite.prepare("select id from users where role = 'customer' and blocked_at is null order by id limit ?").all(Math.max(...connectionLevels)) as Array<{ id: string }>).map(({ id }) => ({
  cookie: newSession(id),
  voted: !!sqlite.prepare("select 1 from votes where idea_id = ? and user_id = ?").get(voteIdeaId, id),
}));
sqlite.close();

// On PostgreSQL: the same data set and sessions, copied as an operator moves a portal over
// (docs/deploy.md), into a database made afresh for the run.
async function copyToPostgres() {
  const admin = new pg.Client({ connectionString: process.env.POSTGRES_TEST_URL });
  await admin.connect();
  try {
    await admin.query("drop database if exists tertulia_bench with (force)");
    await admin.query("create database tertulia_bench");
  } finally {
    await admin.end();
  }
  const url = new URL(process.env.POSTGRES_TEST_URL!);
  url.pathname = "/tertulia_bench";
  timed("Data set copied to PostgreSQL (db:export-to-postgres, checked table by table)", () =>
    execFileSync("npx", ["tsx", "scripts/export-to-postgres.ts", "--from", databasePath], { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, DATABASE_URL: url.href } }),
  );
  return url.href;
}
const postgresUrl = onPostgres ? await copyToPostgres() : undefined;

const SIMILAR_TITLES = ["Pay with card at the checkout", "Pagar con tarjeta en la caja", "Delivery tracking in the app", "Factura por correo después de la entrega"];

function requestsFor(scenario: Scenario): autocannon.Request[] {
  const forEachReader = (paths: string[]) => paths.flatMap((pathname) => readers.map((reader) => ({ method: "GET" as const, path: pathname, headers: reader.headers })));
  switch (scenario) {
    case "list-html":
      return forEachReader(["/"]);
    case "list-data":
      // What the browser fetches to navigate to the list (Remix single fetch).
      return forEachReader(["/_root.data"]);
    case "idea-html":
      return forEachReader(ideaPaths);
    case "search":
      return forEachReader(COMMON_SEARCHES.map((words) => `/?${new URLSearchParams({ q: words })}`));
    case "similar":
      return forEachReader(SIMILAR_TITLES.map((title) => `/ideas/similar?${new URLSearchParams({ title })}`));
    case "vote":
      return [];
  }
}

// 3. The server.
async function freePort() {
  return new Promise<number>((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

timed("Production build checked", () => execFileSync(process.execPath, ["scripts/ensure-build.mjs"], { stdio: "inherit" }));
const port = await freePort();
const origin = `http://127.0.0.1:${port}`;
const profileDirectory = path.join(workDirectory, "profiles");
const logFile = path.join(workDirectory, "server.log");
fs.rmSync(probeFile, { force: true });
const server: ChildProcess = spawn(
  process.execPath,
  ["--import", "./bench/server-probe.mjs", ...(args.profile ? ["--cpu-prof", "--cpu-prof-dir", profileDirectory] : []), "server.mjs"],
  {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      APP_URL: origin,
      // Production does not start without one (docs/security.md).
      SESSION_SECRET: process.env.SESSION_SECRET ?? "bench-session-secret-not-for-any-real-site",
      DATABASE_PATH: databasePath,
      ...(postgresUrl ? { DATABASE_URL: postgresUrl } : {}),
      MAIL_DIRECTORY: path.join(workDirectory, "mail"),
      BENCH_PROBE_FILE: probeFile,
      // Every request comes from one address here: the per-address limits (votes are writes,
      // 300 a minute) would answer 429 to most of the load.
      RATE_LIMIT_MULTIPLIER: "100000",
    },
    stdio: ["ignore", fs.openSync(logFile, "w"), fs.openSync(logFile, "a")],
  },
);
console.log(`Server processes: ${process.env.WEB_CONCURRENCY ?? "one per core (WEB_CONCURRENCY unset)"}; database: ${onPostgres ? "PostgreSQL" : "SQLite"}.`);
const serverExited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
process.on("exit", () => server.kill());

async function waitForServer() {
  for (let attempt = 0; attempt < 300; attempt++) {
    if (server.exitCode !== null) throw new Error(`the server stopped; see ${logFile}`);
    try {
      if ((await fetch(`${origin}/healthz`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the server did not answer within 30 s; see ${logFile}`);
}
await waitForServer();

// An idea's page lives at its id and slug (/ideas/42-faster-checkout); the bare id redirects there.
const ideaPaths = await Promise.all(
  ideaIds.map(async (id) => {
    const response = await fetch(`${origin}/ideas/${id}`, { redirect: "manual" });
    return response.headers.get("location") ?? `/ideas/${id}`;
  }),
);

type ProbeReport = {
  sequence: number;
  requests: number;
  cpuMs: number;
  peakRssBytes: number;
  eventLoopDelayMs: { p50: number; p99: number; max: number };
  /** Each server process's own figures (with one process per core, the primary's too). */
  processes: unknown[];
};
let probeSequence = 0;
async function readProbe(): Promise<ProbeReport> {
  probeSequence += 1;
  server.kill("SIGUSR2");
  // The probe answers once the requests still being worked on are done: a minute at most.
  for (let attempt = 0; attempt < 2400; attempt++) {
    try {
      const report = JSON.parse(fs.readFileSync(probeFile, "utf8")) as ProbeReport;
      if (report.sequence === probeSequence) return report;
    } catch {
      // Not written yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error("the server's probe did not answer");
}

// 4. The load.
type Run = { latencies: number[]; result: autocannon.Result };
function load(scenario: Scenario, connections: number, seconds: number): Promise<Run> {
  const latencies: number[] = [];
  const options: autocannon.Options = { url: origin, connections, duration: seconds, timeout: 30 };
  if (scenario === "vote") {
    // Each connection votes as its own person and flips its vote every time, so every request writes.
    let next = 0;
    // The URL a fetcher posts to with JavaScript on (Remix single fetch); it answers with the new count.
    options.url = `${origin}/ideas/${voteIdeaId}/vote.data`;
    options.method = "POST";
    options.setupClient = (client) => {
      const voter = voters[next++ % voters.length]!;
      const body = () => new URLSearchParams({ wanted: String(!voter.voted), enhanced: "1" }).toString();
      client.setHeadersAndBody(
        { ...BROWSER, accept: "*/*", cookie: voter.cookie, origin, "content-type": "application/x-www-form-urlencoded" },
        body(),
      );
      client.on("response", (status: number) => {
        if (status === 200) voter.voted = !voter.voted;
        client.setBody(body());
      });
    };
  } else {
    options.requests = requestsFor(scenario);
  }
  return new Promise((resolve, reject) => {
    const instance = autocannon(options, (error, result) => (error ? reject(error) : resolve({ latencies, result })));
    instance.on("response", (_client: unknown, _status: number, _bytes: number, responseTime: number) => latencies.push(responseTime));
  });
}

/** The bytes of one response's body as sent (still compressed), with its encoding. */
function wireSize(request: autocannon.Request) {
  return new Promise<string>((resolve, reject) => {
    const outgoing = http.request(`${origin}${request.path}`, { method: request.method, headers: request.headers }, (response) => {
      let bytes = 0;
      response.on("data", (chunk: Buffer) => (bytes += chunk.length));
      response.on("end", () => resolve(`${(bytes / 1024).toFixed(1)} KB ${response.headers["content-encoding"] ?? "uncompressed"}`));
    });
    outgoing.on("error", reject);
    outgoing.end();
  });
}

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN);

type Row = {
  scenario: Scenario;
  connections: number;
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  cpuMsPerRequest: number;
  peakRssMiB: number;
  eventLoopDelayP99: number;
  eventLoopDelayMax: number;
  failures: number;
  processes: unknown[];
};
const rows: Row[] = [];
const columns = "scenario     conn   req/s    p50 ms   p95 ms   p99 ms  CPU ms/req  RSS MiB  ELD p99  ELD max  failed";
console.log(`\nServer on ${origin} (pid ${server.pid}); ${duration} s per run; log in ${path.relative(".", logFile)}.\n`);
const sizes: Record<string, string> = {};
for (const scenario of scenarios) {
  const first = requestsFor(scenario)[0];
  // As this browser asks (brotli first), and as one that only takes gzip.
  if (first) sizes[scenario] = `${await wireSize(first)} / ${await wireSize({ ...first, headers: { ...first.headers, "accept-encoding": "gzip" } })}`;
}
console.log(`Response sizes on the wire: ${Object.entries(sizes).map(([scenario, size]) => `${scenario} ${size}`).join(", ")}.\n`);
console.log(columns);
for (const scenario of scenarios) {
  await load(scenario, 10, warmUp);
  for (const connections of connectionLevels) {
    await readProbe();
    const { latencies, result } = await load(scenario, connections, duration);
    const probe = await readProbe();
    latencies.sort((a, b) => a - b);
    const requests = result.requests.total;
    const row: Row = {
      scenario,
      connections,
      requests,
      requestsPerSecond: requests / duration,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
      // Per request the server handled, including those still in flight when the load stopped.
      cpuMsPerRequest: probe.cpuMs / Math.max(1, probe.requests),
      peakRssMiB: probe.peakRssBytes / 2 ** 20,
      eventLoopDelayP99: probe.eventLoopDelayMs.p99,
      eventLoopDelayMax: probe.eventLoopDelayMs.max,
      failures: result.non2xx + result.errors + result.timeouts,
      processes: probe.processes,
    };
    rows.push(row);
    const cells = [
      scenario.padEnd(11),
      String(connections).padStart(5),
      row.requestsPerSecond.toFixed(1).padStart(8),
      row.p50.toFixed(1).padStart(9),
      row.p95.toFixed(1).padStart(8),
      row.p99.toFixed(1).padStart(8),
      row.cpuMsPerRequest.toFixed(2).padStart(11),
      row.peakRssMiB.toFixed(0).padStart(8),
      row.eventLoopDelayP99.toFixed(1).padStart(8),
      row.eventLoopDelayMax.toFixed(1).padStart(8),
      String(row.failures).padStart(7),
    ];
    console.log(cells.join(" "));
  }
}

// 5. Done: stop the server (it writes its CPU profile on the way out) and keep the figures.
server.kill("SIGTERM");
await serverExited;
const resultsFile = path.join(workDirectory, onPostgres ? "results-postgres.json" : "results.json");
fs.writeFileSync(resultsFile, JSON.stringify({ at: new Date().toISOString(), engine: args.engine, duration, sizes, rows }, null, 2));
console.log(`\nFigures in ${path.relative(".", resultsFile)}.${args.profile ? ` CPU profile in ${path.relative(".", profileDirectory)}/ (summarise it with npx tsx bench/profile-summary.ts).` : ""}`);
if (rows.some((row) => row.failures > 0)) {
  console.error(`Some requests failed (non-2xx, errors or timeouts): see ${path.relative(".", logFile)}.`);
  process.exitCode = 1;
}
