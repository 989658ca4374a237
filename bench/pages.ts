// The CPU a page costs the server, without HTTP: the production build's request handler called
// in this process, one request at a time, for the list page, its data and an idea's page, as
// the four readers of `npm run bench` (English and Spanish visitors and customers). What it
// leaves out — Express, compression, the socket — `npm run bench` measures; this one answers in
// seconds, so that a change to rendering can be weighed before a full run.
//   npm run build && npx tsx bench/pages.ts [requests per page, default 300]
//   node --cpu-prof --cpu-prof-dir data/bench/profiles --import tsx bench/pages.ts   (then bench/profile-summary.ts)
// Uses data/bench/bench.db (`npm run bench` builds it), or BENCH_DATABASE_PATH.
import path from "node:path";
import { pathToFileURL } from "node:url";
import Database from "better-sqlite3";
import { prepareBenchDatabase } from "./dataset";
import { newSession } from "./support";

process.env.NODE_ENV = "production";
const databasePath = prepareBenchDatabase("data/bench/bench.db");
const repeat = Number(process.argv[2] ?? 300);

const sqlite = new Database(databasePath);
const customerWith = (locale: string) => (sqlite.prepare("select id from users where role = 'customer' and locale = ? order by id limit 1").get(locale) as { id: string }).id;
const readers: Array<Record<string, string>> = [
  { "accept-language": "en-GB,en;q=0.9" },
  { "accept-language": "es-ES,es;q=0.9,en;q=0.5" },
  { "accept-language": "en-US,en;q=0.9", cookie: `${newSession(sqlite, customerWith("en"))}; tz=Europe%2FLondon` },
  { "accept-language": "es-ES,es;q=0.9", cookie: `${newSession(sqlite, customerWith("es"))}; tz=Europe%2FMadrid` },
];
const ideaIds = (sqlite.prepare("select id from ideas where hidden_at is null and comment_count between 15 and 40 order by id desc limit 4").all() as Array<{ id: number }>).map((row) => row.id);
sqlite.close();

const { createRequestHandler } = await import("@remix-run/node");
const build = await import(pathToFileURL(path.resolve("build/server/index.js")).href);
const handle = createRequestHandler(build, "production");
const BROWSER = { "user-agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36", accept: "text/html,*/*;q=0.8" };

/** One request through Remix, its body read to the end; the body's size. */
async function get(pathname: string, headers: Record<string, string>) {
  const response = await handle(new Request(`http://127.0.0.1${pathname}`, { headers: { ...BROWSER, ...headers } }), { clientAddress: "127.0.0.1", cspNonce: "bench" });
  const body = await response.text();
  if (response.status >= 300 && response.status < 400) return { location: response.headers.get("location")!, bytes: 0 };
  if (response.status !== 200) throw new Error(`${pathname}: ${response.status}`);
  return { location: null, bytes: body.length };
}

// An idea's page lives at its id and slug; the bare id redirects there.
const ideaPaths = await Promise.all(ideaIds.map(async (id) => (await get(`/ideas/${id}`, readers[0]!)).location ?? `/ideas/${id}`));

const PAGES: Array<[string, string[]]> = [
  ["list HTML", ["/"]],
  ["list data", ["/_root.data"]],
  ["idea HTML", ideaPaths],
];
console.log(`${repeat} requests per page, one at a time (the four readers in turn), after ${repeat / 5} to warm up.`);
for (const [label, paths] of PAGES) {
  const requests = paths.flatMap((pathname) => readers.map((headers) => [pathname, headers] as const));
  let bytes = 0;
  for (let i = 0; i < repeat / 5; i++) await get(...requests[i % requests.length]!);
  const cpuStarted = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < repeat; i++) bytes += (await get(...requests[i % requests.length]!)).bytes;
  const cpu = process.cpuUsage(cpuStarted);
  const cpuMs = (cpu.user + cpu.system) / 1000 / repeat;
  console.log(`${label.padEnd(10)} CPU ${cpuMs.toFixed(2)} ms per request   wall ${((performance.now() - started) / repeat).toFixed(2)} ms   ${(bytes / repeat / 1024).toFixed(1)} KB uncompressed`);
}
