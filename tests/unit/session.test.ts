import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { sessions } from "#db/tables";
import { hashToken } from "~/lib/crypto.server";
import { db, engine } from "~/lib/db.server";
import { endAllSessions, getSession, lucia, startSession } from "~/web/session.server";
import { exec } from "#tests/support/db";
import { ensureSite, makePerson, makeRequest } from "#tests/support/fixtures";

beforeAll(ensureSite);

function tokenOf(setCookie: string) {
  return setCookie.split(";")[0]!.split("=")[1]!;
}

describe("sessions", () => {
  it("keeps only the SHA-256 of the cookie's token in the database", async () => {
    const person = await makePerson();
    const setCookie = await startSession(person.id);
    const token = tokenOf(setCookie);
    const ids = (await db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, person.id))).map((row) => row.id);
    expect(ids).toEqual([hashToken(token)]);
    expect(ids).not.toContain(token);
  });

  it("sets HttpOnly and SameSite=Lax on the session cookie", async () => {
    const person = await makePerson();
    const setCookie = await startSession(person.id);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
  });

  it("recognises the person from the cookie, and nobody from a made-up or hashed token", async () => {
    const person = await makePerson();
    const setCookie = await startSession(person.id);
    const cookie = setCookie.split(";")[0]!;
    expect((await getSession(makeRequest("/", { cookie }))).user).toEqual({
      id: person.id,
      email: person.email,
      emailVerified: true,
      displayName: person.displayName,
      role: "customer",
      locale: null,
      theme: null,
      jobTitle: null,
      blockedReason: null,
      photoId: null,
      lastSeenAt: expect.any(Date),
    });
    // A Cookie header that does not parse (bad percent-encoding) holds no session: not a 500.
    expect((await getSession(makeRequest("/", { cookie: `other=%E0%A4%A; ${cookie}` }))).user).toBeNull();
    // The stored id (the hash) is not a usable cookie value.
    const stolen = `tertulia_session=${hashToken(tokenOf(setCookie))}`;
    const stolenLookup = await getSession(makeRequest("/", { cookie: stolen }));
    expect(stolenLookup.user).toBeNull();
    expect(stolenLookup.setCookie).toMatch(/Max-Age=0/);
  });

  it("starts a new session at every log-in", async () => {
    const person = await makePerson();
    const first = await startSession(person.id);
    const second = await startSession(person.id);
    expect(tokenOf(first)).not.toBe(tokenOf(second));
    expect(await lucia.getUserSessions(person.id)).toHaveLength(2);
  });

  it("ends all of a person's sessions at once", async () => {
    const person = await makePerson();
    const cookie = (await startSession(person.id)).split(";")[0]!;
    await startSession(person.id);
    await endAllSessions(person.id);
    expect(await lucia.getUserSessions(person.id)).toHaveLength(0);
    expect((await getSession(makeRequest("/", { cookie }))).user).toBeNull();
  });

  it("renews a session past half its life, keeping the same token (sliding expiry)", async () => {
    const person = await makePerson();
    const setCookie = await startSession(person.id);
    const inTenDays = Date.now() + 10 * 24 * 60 * 60 * 1000;
    // lucia's expiry: seconds on SQLite, a timestamptz on PostgreSQL (decision 0007).
    const seconds = Math.floor(inTenDays / 1000);
    await exec(sql`update sessions set expires_at = ${engine === "sqlite" ? seconds : sql`to_timestamp(${seconds})`} where user_id = ${person.id}`);
    const lookup = await getSession(makeRequest("/", { cookie: setCookie.split(";")[0]! }));
    expect(lookup.user?.id).toBe(person.id);
    expect(lookup.setCookie && tokenOf(lookup.setCookie)).toBe(tokenOf(setCookie));
    const [row] = await db.select({ expiresAt: sessions.expiresAt }).from(sessions).where(eq(sessions.userId, person.id));
    const expiresAt = engine === "sqlite" ? row!.expiresAt * 1000 : (row!.expiresAt as unknown as Date).getTime();
    expect(expiresAt).toBeGreaterThan(inTenDays + 15 * 24 * 60 * 60 * 1000);
  });
});
