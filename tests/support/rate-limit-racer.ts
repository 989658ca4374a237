// A child process of the cross-process test in tests/unit/rate-limits.test.ts: it opens the
// database file named by DATABASE_PATH through the app's own modules, says "ready", waits for
// the parent's "go", then makes all its hits of one key at once and prints how many passed.
import { once } from "node:events";

const hits = Number(process.env.RACE_HITS);
const rule = JSON.parse(process.env.RACE_RULE ?? "{}") as { limit: number; windowMs: number };
const now = new Date(Number(process.env.RACE_NOW));

const { consume } = await import("~/domain/rate-limits.server");
process.stdout.write("ready\n");
await once(process.stdin, "data");

const answers = await Promise.all(Array.from({ length: hits }, () => consume("race:198.51.100.7", rule, now)));
process.stdout.write(`${JSON.stringify({ allowed: answers.filter((answer) => answer.ok).length })}\n`);
process.exit(0);
