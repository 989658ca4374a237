import { randomBytes } from "node:crypto";
import pg from "pg";
import { challenges, ideas, users } from "#db/tables";
import type { DomainDatabase } from "~/lib/db.server";
import { databaseUrl } from "./postgres-url";
import { markSafeHtml } from "~/lib/safe-html";

/** A new, empty database on the test server (not cloned from the migrated template); drop it when done. */
export async function createEmptyDatabase() {
  const adminUrl = process.env.POSTGRES_TEST_URL!;
  const name = `tertulia_empty_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  return {
    url: databaseUrl(adminUrl, name),
    async drop() {
      await admin.query(`drop database "${name}" with (force)`);
      await admin.end();
    },
  };
}

/** People and a published challenge whose voting is open, with a budget, and its ideas (in one transaction). */
export async function seedChallenge(database: DomainDatabase, { voters, ideaCount, budget }: { voters: string[]; ideaCount: number; budget: number }) {
  return database.transaction(async (db) => {
    await db.insert(users).values(
      ["host", ...voters].map((id) => ({ id, email: `${id}@example.com`, displayName: id, passwordHash: "x", role: id === "host" ? ("staff" as const) : ("customer" as const) })),
    );
    const [challenge] = await db
      .insert(challenges)
      .values({
        slug: `challenge-${randomBytes(4).toString("hex")}`,
        title: "How could check-out be faster?",
        briefJson: "{}",
        briefHtml: markSafeHtml(""),
        briefText: "",
        submissionOpensAt: new Date("2026-01-01T00:00:00Z"),
        submissionClosesAt: new Date("2026-02-01T00:00:00Z"),
        votingOpensAt: new Date("2026-02-01T00:00:00Z"),
        votingClosesAt: new Date("2026-03-01T00:00:00Z"),
        voteBudget: budget,
        createdById: "host",
      })
      .returning({ id: challenges.id });
    const now = new Date("2026-01-15T00:00:00Z");
    const created = await db
      .insert(ideas)
      .values(
        Array.from({ length: ideaCount }, (_, index) => ({
          title: `Idea ${index + 1}`,
          bodyJson: "{}",
          bodyHtml: markSafeHtml(""),
          bodyText: "",
          authorId: "host",
          challengeId: challenge!.id,
          lastActivityAt: now,
          createdAt: now,
        })),
      )
      .returning({ id: ideas.id });
    return { challengeId: challenge!.id, ideaIds: created.map((idea) => idea.id) };
  });
}
