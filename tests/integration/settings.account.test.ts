import { sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { verifyCredentials } from "~/domain/people.server";
import { action as accountAction, loader as accountLoader } from "~/routes/settings.account";
import { getSession, startSession } from "~/web/session.server";
import { rows } from "#tests/support/db";
import { answerOf, args, call, ensureSite, makePerson, makeRequest, PASSWORD, sessionCookieFor } from "#tests/support/fixtures";
import { emailsTo } from "#tests/support/mail";
import { setClock } from "~/lib/clock.server";

beforeAll(ensureSite);
afterEach(() => setClock(null));

type Reply = { status: string; error?: Record<string, string[] | null>; initialValue?: Record<string, string> };
const post = (cookie: string | undefined, form: Record<string, string>) => call(() => accountAction(args(makeRequest("/settings/account", { cookie, form }))));
const FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:131.0) Gecko/20100101 Firefox/131.0";

describe("/settings/account", () => {
  it("sends visitors to log in, page and actions", async () => {
    expect(((await call(() => accountLoader(args(makeRequest("/settings/account"))))) as Response).headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
    for (const intent of ["change-password", "change-email", "sign-out-others", "delete-account"]) {
      expect(((await post(undefined, { intent })) as Response).headers.get("Location"), intent).toMatch(/^\/login\?redirectTo=/);
    }
  });

  it("lists the person's sessions, this one marked, with browser, system and address, and nobody else's", async () => {
    const person = await makePerson();
    await makePerson().then((other) => sessionCookieFor(other.id));
    const here = await sessionCookieFor(person.id);
    await startSession(person.id, { request: makeRequest("/login", { headers: { "User-Agent": FIREFOX } }), context: { clientAddress: "203.0.113.20" } });
    const page = await accountLoader(args(makeRequest("/settings/account", { cookie: here })));
    expect(page).toMatchObject({ email: person.email, emailVerified: true, pendingEmail: null });
    expect(page.sessions).toHaveLength(2);
    expect(page.sessions.filter((session) => session.current)).toHaveLength(1);
    expect(page.sessions.find((session) => !session.current)).toMatchObject({ browser: "Firefox", os: "Windows", address: "203.0.113.20" });
  });

  it("changes the password with the current one, keeping this session and ending the others", async () => {
    const person = await makePerson();
    const other = await sessionCookieFor(person.id);
    const here = await sessionCookieFor(person.id);
    const wrong = answerOf(await post(here, { intent: "change-password", currentPassword: "nope nope nope", newPassword: "a new long passphrase" }));
    expect(wrong.status).toBe(400);
    expect((wrong.body as { result: Reply }).result.error?.currentPassword).toEqual(["errors.account.wrongPassword"]);
    expect((wrong.body as { result: Reply }).result.initialValue?.newPassword).toBeUndefined();

    const short = answerOf(await post(here, { intent: "change-password", currentPassword: PASSWORD, newPassword: "short" }));
    expect((short.body as { result: Reply }).result.error?.newPassword).toEqual(["errors.field.passwordTooShort:10"]);

    expect(answerOf(await post(here, { intent: "change-password", currentPassword: PASSWORD, newPassword: "a new long passphrase" }))).toMatchObject({ status: 200, body: { changed: true } });
    expect(await verifyCredentials(person.email, "a new long passphrase")).toMatchObject({ id: person.id });
    expect((await getSession(makeRequest("/", { cookie: here }))).user?.id).toBe(person.id);
    expect((await getSession(makeRequest("/", { cookie: other }))).user).toBeNull();
  });

  it("asks for an email change with the password and keeps what was typed when refused", async () => {
    const person = await makePerson();
    const here = await sessionCookieFor(person.id);
    const refused = answerOf(await post(here, { intent: "change-email", email: "new-home@example.com", password: "wrong password" }));
    expect(refused.status).toBe(400);
    expect((refused.body as { result: Reply }).result).toMatchObject({ error: { password: ["errors.account.wrongPassword"] }, initialValue: { email: "new-home@example.com" } });
    expect(answerOf(await post(here, { intent: "change-email", email: "not an address", password: PASSWORD })).status).toBe(400);
    expect(await emailsTo("new-home@example.com")).toHaveLength(0);

    expect(answerOf(await post(here, { intent: "change-email", email: "new-home@example.com", password: PASSWORD })).status).toBe(200);
    expect(await emailsTo("new-home@example.com")).toHaveLength(1);
    expect(await accountLoader(args(makeRequest("/settings/account", { cookie: here })))).toMatchObject({ email: person.email, pendingEmail: "new-home@example.com" });
  });

  it("counts wrong current passwords with wrong sign-ins: the 11th try answers 429, even with the right password, on either form", async () => {
    setClock(new Date());
    const person = await makePerson();
    const here = await sessionCookieFor(person.id);
    const from = (clientAddress: string, form: Record<string, string>) =>
      call(() => accountAction(args(makeRequest("/settings/account", { cookie: here, form }), {}, { clientAddress })));
    for (let i = 0; i < 5; i++) {
      expect(answerOf(await from("198.51.100.40", { intent: "change-password", currentPassword: `wrong ${i}`, newPassword: "a new long passphrase" })).status).toBe(400);
      expect(answerOf(await from("198.51.100.40", { intent: "change-email", email: "elsewhere@example.com", password: `wrong ${i}` })).status).toBe(400);
    }
    const refused = await from("198.51.100.40", { intent: "change-password", currentPassword: PASSWORD, newPassword: "a new long passphrase" });
    expect(answerOf(refused)).toMatchObject({ status: 429, body: { result: { error: { "": ["errors.rateLimited.minutes:15"] } } } });
    expect((refused as { init: { headers: Record<string, string> } }).init.headers["Retry-After"]).toBe("900");
    expect(answerOf(await from("198.51.100.40", { intent: "change-email", email: "elsewhere@example.com", password: PASSWORD })).status).toBe(429);
    expect(await verifyCredentials(person.email, PASSWORD)).toMatchObject({ id: person.id });
    // The budget is the account's from that address: from another, the right password goes through.
    expect(answerOf(await from("198.51.100.41", { intent: "change-password", currentPassword: PASSWORD, newPassword: "a new long passphrase" }))).toMatchObject({ status: 200, body: { changed: true } });
  });

  it("refuses a new password that is easy to guess", async () => {
    const person = await makePerson();
    const here = await sessionCookieFor(person.id);
    const weak = answerOf(await post(here, { intent: "change-password", currentPassword: PASSWORD, newPassword: "password123" }));
    expect(weak.status).toBe(400);
    expect((weak.body as { result: Reply }).result.error?.newPassword).toEqual(["errors.field.weakPassword"]);
  });

  it("signs out every other session of this person only", async () => {
    const person = await makePerson();
    const stranger = await makePerson();
    const strangers = await sessionCookieFor(stranger.id);
    const others = [await sessionCookieFor(person.id), await sessionCookieFor(person.id)];
    const here = await sessionCookieFor(person.id);
    expect(await post(here, { intent: "sign-out-others" })).toEqual({ intent: "sign-out-others", ended: 2 });
    for (const cookie of others) expect((await getSession(makeRequest("/", { cookie }))).user).toBeNull();
    expect((await getSession(makeRequest("/", { cookie: here }))).user?.id).toBe(person.id);
    expect((await getSession(makeRequest("/", { cookie: strangers }))).user?.id).toBe(stranger.id);
  });

  it("answers an unknown intent with 400", async () => {
    const here = await sessionCookieFor((await makePerson()).id);
    expect(((await post(here, { intent: "drop-tables" })) as Response).status).toBe(400);
  });

  it("deletes the account once the person types their address, signs them out everywhere and says goodbye", async () => {
    const person = await makePerson("customer", { displayName: "Leah Leaving" });
    const elsewhere = await sessionCookieFor(person.id);
    const here = await sessionCookieFor(person.id);
    const mistyped = answerOf(await post(here, { intent: "delete-account", confirmEmail: "someone@else.example" }));
    expect(mistyped).toMatchObject({ status: 400, body: { result: { error: { confirmEmail: ["errors.account.confirmEmailMismatch"] } } } });

    const response = (await post(here, { intent: "delete-account", confirmEmail: ` ${person.email.toUpperCase()} ` })) as Response;
    expect(response.headers.get("Location")).toBe("/account-deleted");
    expect(response.headers.get("Set-Cookie")).toMatch(/Max-Age=0/);
    for (const cookie of [here, elsewhere]) expect((await getSession(makeRequest("/", { cookie }))).user).toBeNull();
    expect(await verifyCredentials(person.email, PASSWORD)).toBeNull();
  });

  it("does not let the only admin delete their account", async () => {
    const admins = await rows<{ id: string; email: string }>(sql`select id, email from users where role = 'admin'`);
    expect(admins).toHaveLength(1);
    const answer = answerOf(await post(await sessionCookieFor(admins[0]!.id), { intent: "delete-account", confirmEmail: admins[0]!.email }));
    expect(answer).toMatchObject({ status: 400, body: { result: { error: { "": ["errors.account.lastAdmin"] } } } });
  });
});
