import { is, sql, Table } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import * as tables from "#db/tables";
import { db } from "~/lib/db.server";
import { beforeAll, describe, expect, it } from "vitest";
import { requestPasswordReset } from "~/domain/password-reset.server";
import { getIdea } from "~/domain/ideas.server";
import { personForOpenId } from "~/domain/openid-identities.server";
import { getPerson, verifyCredentials } from "~/domain/people.server";
import { setEmailSchedule } from "~/domain/notifications.server";
import { deleteAccount, exportPersonData, exportPersonDataOnRequest } from "~/domain/personal-data.server";
import { setVote } from "~/domain/votes.server";
import { consume } from "~/domain/rate-limits.server";
import { rows } from "#tests/support/db";
import { comment } from "#tests/support/comments";
import { accepted, ensureSite, makePerson, sessionCookieFor } from "#tests/support/fixtures";
import { makeIdea } from "#tests/support/ideas";

beforeAll(ensureSite);

/** Every row of every table, as text: where a name or an address could hide (either engine). */
async function everything() {
  const dump: string[] = [];
  for (const table of Object.values(tables)) {
    if (is(table, Table)) dump.push(JSON.stringify(await db.select().from(table as SQLiteTable)));
  }
  return dump.join("\n");
}

/** A person who posted, voted and commented, and a neighbour who did the same on their idea (emails were queued). */
async function someoneWithAHistory(name: string, topic: string) {
  const person = await makePerson("customer", { displayName: name });
  const other = await makePerson("customer", { displayName: `Neighbour on ${topic}` });
  const own = await makeIdea(person.id, `An idea about ${topic}`);
  const theirs = await makeIdea(other.id, `The neighbour's idea about ${topic}`);
  await setVote(own.id, other.id, true);
  await setVote(theirs.id, person.id, true);
  await comment(theirs.id, { id: person.id, role: "customer" }, `A word on ${topic}`);
  await comment(own.id, { id: other.id, role: "customer" }, `The neighbour answers on ${topic}`);
  await setEmailSchedule(person.id, { own: "immediate", followed: "weekly" });
  return { person, other, own, theirs };
}

describe("exportPersonData", () => {
  it("holds the person's profile and content, and nothing written by anyone else", async () => {
    const { person, other, own, theirs } = await someoneWithAHistory("Exa Porter", "parcels");
    const exported = accepted(await exportPersonData(person.id));
    expect(exported.profile).toMatchObject({ id: person.id, email: person.email, displayName: "Exa Porter" });
    expect(exported.ideas.map((idea) => idea.id)).toEqual([own.id]);
    expect(exported.comments.map((item) => item.body)).toEqual(["A word on parcels"]);
    expect(exported.votes).toMatchObject([{ ideaId: own.id }, { ideaId: theirs.id }]);
    expect(exported.follows.map((follow) => follow.ideaId).sort()).toEqual([own.id, theirs.id].sort());
    expect(exported.emailSchedule).toEqual({ own: "immediate", followed: "weekly" });
    const text = JSON.stringify(exported);
    expect(text).not.toContain(other.email);
    expect(text).not.toContain(other.id);
    expect(text).not.toContain("The neighbour answers");
  });

  it("an admin's export on request is in the audit log", async () => {
    const admin = await makePerson("admin");
    const { person } = await someoneWithAHistory("Ora Request", "receipts");
    accepted(await exportPersonDataOnRequest(person.id, admin.id));
    expect(await rows(sql`select action, actor_id as "actorId" from audit_log where target_id = ${person.id}`)).toEqual([{ action: "person.export", actorId: admin.id }]);
  });
});

describe("deleteAccount", () => {
  it("keeps ideas, comments and vote counts exact, and leaves no trace of the name or address", async () => {
    const { person, own, theirs } = await someoneWithAHistory("Dana Gone", "refunds");
    await sessionCookieFor(person.id);
    accepted(await personForOpenId({ provider: "acme", subject: `subject-${person.id}`, email: person.email, emailVerified: true, name: null }));
    await requestPasswordReset(person.email);
    await consume(`signInFailures:${person.email}|203.0.113.1`, { limit: 10, windowMs: 60_000 });
    const before = { own: await getIdea(own.id, null), theirs: await getIdea(theirs.id, null) };

    expect(await deleteAccount({ personId: person.id, actorId: person.id, formerName: "Former member" })).toEqual({ ok: true });

    expect(await getIdea(own.id, null)).toMatchObject({ voteCount: before.own!.voteCount, commentCount: before.own!.commentCount });
    expect(await getIdea(theirs.id, null)).toMatchObject({ voteCount: before.theirs!.voteCount, commentCount: before.theirs!.commentCount });
    expect(await getPerson(person.id)).toMatchObject({ displayName: "Former member", passwordHash: "", role: "customer", deletedAt: expect.any(Date) });
    const dump = await everything();
    // Not in their profile, nor in the emails queued or sent to others about what they did.
    expect(dump).not.toContain(person.email);
    expect(dump).not.toContain("Dana Gone");
    expect(await verifyCredentials(person.email, "")).toBeNull();
    expect(await rows(sql`select count(*) as n from sessions where user_id = ${person.id}`)).toEqual([{ n: 0 }]);
    expect(await rows(sql`select count(*) as n from email_schedules where user_id = ${person.id}`)).toEqual([{ n: 0 }]);
    // Signing in again through the company's provider makes a new account; it does not reopen this one.
    const again = accepted(await personForOpenId({ provider: "acme", subject: `subject-${person.id}`, email: "dana.back@example.com", emailVerified: true, name: "Dana" }));
    expect(again.id).not.toBe(person.id);
    expect(await exportPersonData(person.id)).toEqual({ ok: false, reason: "notFound" });
    expect(await deleteAccount({ personId: person.id, actorId: person.id, formerName: "Former member" })).toEqual({ ok: false, reason: "notFound" });
  });

  it("refuses to delete the site's only admin", async () => {
    const admins = await rows<{ id: string }>(sql`select id from users where role = 'admin' and deleted_at is null`);
    for (const admin of admins.slice(1)) await deleteAccount({ personId: admin.id, actorId: admin.id, formerName: "x" });
    expect(await deleteAccount({ personId: admins[0]!.id, actorId: admins[0]!.id, formerName: "x" })).toEqual({ ok: false, reason: "lastAdmin" });
  });
});
