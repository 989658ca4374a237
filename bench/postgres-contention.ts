// Measures the worst case for PostgreSQL transactions (docs/decisions/0008): a burst of votes on
// one idea from several app servers at the same moment, each vote a transaction that inserts
// the vote, counts the voter's votes (the budget) and adds one to the idea's counter.
//   node scripts/test-postgres.mjs npx tsx bench/postgres-contention.ts
// (or with POSTGRES_TEST_URL pointing at a server where it may create a database).
// Compares: SERIALIZABLE with retries alone; SERIALIZABLE with queue keys (what setVote uses);
// READ COMMITTED with explicit row locks (the road not taken). Prints wall time and retries.
import { randomBytes } from "node:crypto";
import { count, eq, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import * as schema from "#db/schema.pg";
import { ideas, users, votes } from "#db/schema.pg";
import { openPostgres, type PgTransaction, type Postgres } from "~/lib/postgres.server";
import { markSafeHtml } from "~/lib/safe-html";

const adminUrl = process.env.POSTGRES_TEST_URL;
if (!adminUrl) throw new Error("Run through scripts/test-postgres.mjs, or set POSTGRES_TEST_URL.");
const database = `tertulia_bench_${randomBytes(4).toString("hex")}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`create database "${database}"`);
const address = new URL(adminUrl);
address.pathname = `/${database}`;
const url = address.toString();

const SCENARIOS = [
  { servers: 3, poolSize: 4, voters: 60 },
  { servers: 3, poolSize: 10, voters: 120 },
  { servers: 5, poolSize: 10, voters: 200 },
];

async function vote(tx: PgTransaction, ideaId: number, userId: string, lockRows = false) {
  if (lockRows) {
    await tx.select({ id: ideas.id }).from(ideas).where(eq(ideas.id, ideaId)).for("update");
    await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for("update");
  }
  await tx.insert(votes).values({ ideaId, userId }).onConflictDoNothing();
  await tx.select({ spent: count() }).from(votes).where(eq(votes.userId, userId));
  await tx.update(ideas).set({ voteCount: sql`${ideas.voteCount} + 1` }).where(eq(ideas.id, ideaId));
}

try {
  const setup = await openPostgres(url, { poolSize: 2 });
  let round = 0;
  for (const { servers: serverCount, poolSize, voters: voterCount } of SCENARIOS) {
    for (const strategy of ["serializable, retries only", "serializable, queue keys", "read committed, row locks"] as const) {
      round++;
      const people = Array.from({ length: voterCount }, (_, index) => `r${round}-${index}`);
      await setup.db.insert(users).values(people.map((id) => ({ id, email: `${id}@bench.example`, displayName: id, passwordHash: "x" })));
      const [idea] = await setup.db
        .insert(ideas)
        .values({ title: "Popular", bodyJson: "{}", bodyHtml: markSafeHtml(""), bodyText: "", authorId: people[0]!, lastActivityAt: new Date(), createdAt: new Date() })
        .returning({ id: ideas.id });
      let retries = 0;
      const servers: Postgres[] = await Promise.all(
        Array.from({ length: serverCount }, () => openPostgres(url, { poolSize, maxAttempts: 1000, onRetry: () => retries++ })),
      );
      const started = performance.now();
      await Promise.all(
        people.map((userId, index) => {
          const server = servers[index % serverCount]!;
          if (strategy === "read committed, row locks") return drizzle({ client: server.pool, schema }).transaction((tx) => vote(tx, idea!.id, userId, true));
          const queueOn = strategy === "serializable, queue keys" ? [`idea:${idea!.id}`, `person:${userId}`] : [];
          return server.transaction((tx) => vote(tx, idea!.id, userId), { queueOn });
        }),
      );
      const elapsed = performance.now() - started;
      const [after] = await setup.db.select({ voteCount: ideas.voteCount }).from(ideas).where(eq(ideas.id, idea!.id));
      if (after!.voteCount !== voterCount) throw new Error(`${strategy}: counted ${after!.voteCount} of ${voterCount} votes`);
      console.log(
        `${serverCount} servers × ${String(poolSize).padStart(2)} connections, ${String(voterCount).padStart(3)} votes at once — ${strategy.padEnd(27)} ${elapsed.toFixed(0).padStart(5)} ms   ${String(retries).padStart(5)} retries`,
      );
      await Promise.all(servers.map((server) => server.close()));
    }
  }
  await setup.close();
} finally {
  await admin.query(`drop database "${database}" with (force)`);
  await admin.end();
}
