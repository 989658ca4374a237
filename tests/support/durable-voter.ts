// A child process of the durability test in tests/unit/votes.test.ts: it votes as each person
// of DURABLE_VOTERS on idea DURABLE_IDEA, all at once through the app's own modules, and prints
// each person's id the moment setVote has answered. Its parent kills it (SIGKILL) on the first
// answer it reads.
import process from "node:process";

const voters = JSON.parse(process.env.DURABLE_VOTERS ?? "[]") as string[];
const ideaId = Number(process.env.DURABLE_IDEA);

const { setVote } = await import("~/domain/votes.server");
await Promise.all(
  voters.map(async (userId) => {
    const result = await setVote(ideaId, userId, true);
    if (result.ok) process.stdout.write(`${userId}\n`);
  }),
);
// Still here: stay until killed, so that the parent decides when this process ends.
setInterval(() => undefined, 1_000);
