import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { personForStaff } from "~/domain/people-directory.server";
import { endOtherSessions, LAST_SEEN_GRANULARITY_MS, listSessions } from "~/domain/sessions.server";
import { setClock } from "~/lib/clock.server";
import { getSession, startSession } from "~/web/session.server";
import { ensureSite, makePerson, makeRequest } from "#tests/support/fixtures";

beforeAll(ensureSite);
afterEach(() => setClock(null));

const CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36";
const signIn = async (personId: string, clientAddress: string) =>
  (await startSession(personId, { request: makeRequest("/login", { headers: { "User-Agent": CHROME } }), context: { clientAddress } })).split(";")[0]!;

describe("a person's sessions", () => {
  it("remember the browser and address they began with, and when they were last used (written at most every few minutes)", async () => {
    const person = await makePerson();
    // Lucia dates its sessions by the real clock: the test moves the app's from now on.
    const start = new Date(Math.floor(Date.now() / 1000) * 1000);
    setClock(start);
    const cookie = await signIn(person.id, "203.0.113.9");
    expect(await listSessions(person.id, start)).toEqual([
      { id: expect.any(String), createdAt: start, lastSeenAt: start, userAgent: CHROME, ipAddress: "203.0.113.9" },
    ]);

    const lastSeen = async () => (await listSessions(person.id, start))[0]!.lastSeenAt?.getTime();
    setClock(new Date(start.getTime() + LAST_SEEN_GRANULARITY_MS - 1000));
    await getSession(makeRequest("/", { cookie }));
    expect(await lastSeen()).toBe(start.getTime());
    const later = new Date(start.getTime() + LAST_SEEN_GRANULARITY_MS);
    setClock(later);
    await getSession(makeRequest("/", { cookie }));
    expect(await lastSeen()).toBe(later.getTime());
    // The person's own last use (the people directory's) moves with it.
    expect((await personForStaff(person.id))?.person.lastSeenAt).toEqual(later);
  });

  it("end all but the one asking", async () => {
    const person = await makePerson();
    const stranger = await makePerson();
    const mine = await signIn(person.id, "203.0.113.10");
    await signIn(person.id, "203.0.113.11");
    await signIn(person.id, "203.0.113.12");
    await signIn(stranger.id, "203.0.113.13");
    const keep = (await getSession(makeRequest("/", { cookie: mine }))).sessionId!;
    expect(await endOtherSessions(person.id, keep)).toBe(2);
    expect((await listSessions(person.id)).map((session) => session.id)).toEqual([keep]);
    expect(await listSessions(stranger.id)).toHaveLength(1);
  });
});
