// Where a server's CPU time went, from a V8 CPU profile (`npm run bench -- --profile` writes one
// to data/bench/profiles/).
//   npx tsx bench/profile-summary.ts [file.cpuprofile]     (default: the newest profile)
// Prints self time by package (or the app's own bundle, Node's internals, GC), the functions with
// the most self time, and the inclusive time of the parts phase one and two of issue 19 look at.
import fs from "node:fs";
import path from "node:path";

type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };

const directory = path.resolve("data/bench/profiles");
const file =
  process.argv[2] ??
  fs
    .readdirSync(directory)
    .filter((name) => name.endsWith(".cpuprofile"))
    .map((name) => path.join(directory, name))
    .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0];
if (!file) throw new Error(`no .cpuprofile in ${directory}`);
const profile = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;

// Self time per node, from the samples and the time between them (µs).
const selfTime = new Map<number, number>();
profile.samples.forEach((id, index) => selfTime.set(id, (selfTime.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)));
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const idle = new Set(["(idle)", "(program)"]);
let busy = 0;
for (const [id, time] of selfTime) if (!idle.has(nodes.get(id)!.callFrame.functionName)) busy += time;

function bucketOf({ functionName, url }: ProfileNode["callFrame"]) {
  if (functionName === "(garbage collector)") return "garbage collection";
  if (idle.has(functionName)) return functionName;
  const modules = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/g);
  if (modules) return modules[modules.length - 1]!.replace("node_modules/", "");
  if (url.includes("/build/server/")) return "the app (server bundle)";
  if (url.startsWith("node:")) return "Node internals";
  if (!url) return `native: ${functionName || "(anonymous)"}`;
  return path.relative(process.cwd(), url.replace("file://", ""));
}

const share = (time: number) => `${((100 * time) / busy).toFixed(1).padStart(5)} %`;
function printTop(title: string, totals: Map<string, number>, count: number) {
  console.log(`\n${title}`);
  for (const [label, time] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, count)) console.log(`  ${share(time)}  ${label}`);
}

const byBucket = new Map<string, number>();
const byFunction = new Map<string, number>();
for (const [id, time] of selfTime) {
  const { callFrame } = nodes.get(id)!;
  if (idle.has(callFrame.functionName)) continue;
  const bucket = bucketOf(callFrame);
  byBucket.set(bucket, (byBucket.get(bucket) ?? 0) + time);
  const label = `${callFrame.functionName || "(anonymous)"}  ${callFrame.url ? `${bucket}:${callFrame.lineNumber + 1}` : ""}`;
  byFunction.set(label, (byFunction.get(label) ?? 0) + time);
}

// Inclusive time of whole subtrees whose root matches (nested matches counted once).
const parents = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
function inclusive(matches: (frame: ProfileNode["callFrame"]) => boolean) {
  let total = 0;
  for (const [id, time] of selfTime) {
    for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) {
      if (matches(nodes.get(at)!.callFrame)) {
        total += time;
        break;
      }
    }
  }
  return total;
}
const FOCUS: Array<[string, (frame: ProfileNode["callFrame"]) => boolean]> = [
  // V8 counts the making of an Intl object in the caller's self time: these are the app's callers.
  ["Intl formatters (the app's formatting functions, making included)", (f) => f.url.includes("/build/server/") && /^(formatters|formatRelative|formatZonedDateTime|formatNumber|formatDate|formatDateTime|isValidTimeZone)$/.test(f.functionName)],
  ["i18next (instances, init, t)", (f) => /node_modules\/(i18next|react-i18next)\//.test(f.url)],
  ["gzip (zlib)", (f) => /node:zlib|node_modules\/compression\//.test(f.url) || f.functionName === "zlibOnWrite"],
  ["React rendering (react-dom/server)", (f) => /node_modules\/react-dom\//.test(f.url)],
  ["Remix runtime and router", (f) => /node_modules\/@remix-run\//.test(f.url)],
  ["Express and static files", (f) => /node_modules\/(express|serve-static|send)\//.test(f.url)],
  ["SQLite queries (better-sqlite3)", (f) => /node_modules\/better-sqlite3\//.test(f.url)],
  ["drizzle (building SQL, mapping rows)", (f) => /node_modules\/drizzle-orm\//.test(f.url)],
  ["garbage collection", (f) => f.functionName === "(garbage collector)"],
];

console.log(`${path.relative(".", file)}: ${(busy / 1000).toFixed(0)} ms of CPU on the main thread (idle excluded).`);
printTop("Self time by package:", byBucket, 18);
printTop("Functions with the most self time:", byFunction, 25);
console.log("\nInclusive time of the parts issue 19 names:");
for (const [label, matches] of FOCUS) console.log(`  ${share(inclusive(matches))}  ${label}`);
