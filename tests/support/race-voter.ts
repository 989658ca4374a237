// A child process of the race test in tests/unit/votes.test.ts: it opens the database file
// named by DATABASE_PATH through the app's own modules, says "ready", waits for the parent's
// "go", then casts every vote of its plan at once and prints what the domain answered.
import { once } from "node:events";

type PlannedVote = { ideaId: number; userId: string; wanted: boolean };
const plan = JSON.parse(process.env.RACE_PLAN ?? "[]") as PlannedVote[];
const now = new Date(Number(process.env.RACE_NOW));

const { setVote } = await import("~/domain/votes.server");
process.stdout.write("ready\n");
await once(process.stdin, "data");

const answers = await Promise.all(
  plan.map(async (vote) => {
    try {
      const result = await setVote(vote.ideaId, vote.userId, vote.wanted, now);
      return result.ok ? { ...vote, voted: result.value.voted } : { ...vote, refused: result.reason };
    } catch (error) {
      return { ...vote, error: error instanceof Error ? `${error.message} ${String((error as { cause?: unknown }).cause ?? "")}` : String(error) };
    }
  }),
);
process.stdout.write(`${JSON.stringify(answers)}\n`);
process.exit(0);
