import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { findPersonByEmail } from "~/domain/people.server";
import { consume } from "~/domain/rate-limits.server";
import { action as loginAction } from "~/routes/login";
import { action as signupAction, loader as signupLoader } from "~/routes/signup";
import { RATE_LIMITS } from "~/web/throttle.server";
import { row } from "#tests/support/db";
import { site } from "#db/tables";
import { settingsChanged } from "~/domain/site.server";
import { transaction } from "~/lib/db.server";
import { answerOf, args, call, ensureSite, makePerson, makeRequest, PASSWORD } from "#tests/support/fixtures";
import { emailsTo, lastEmailTo } from "#tests/support/mail";

beforeAll(ensureSite);

type Reply = { status: string; error?: Record<string, string[] | null>; initialValue?: Record<string, string> };
const signUp = (form: Record<string, string>) => call(() => signupAction(args(makeRequest("/signup", { form }))));

describe("sign up", () => {
  it("creates an unconfirmed customer and says to check the email, signing nobody in", async () => {
    const answer = await signUp({ email: " New.Person@Example.com ", displayName: "New Person", password: PASSWORD, redirectTo: "/ideas/3", locale: "es" });
    expect(answer).toEqual({ sentTo: "New.Person@Example.com" });
    expect(await findPersonByEmail("new.person@example.com")).toMatchObject({ role: "customer", locale: "es", emailVerifiedAt: null });
    expect((await lastEmailTo("new.person@example.com")).text).toContain("?redirectTo=%2Fideas%2F3");
  });

  it("answers a taken address exactly as a free one, and tells the owner instead", async () => {
    const existing = await makePerson();
    const users = await row(sql`select count(*) as n from users`);
    const taken = await signUp({ email: existing.email.toUpperCase(), displayName: "Copycat", password: PASSWORD });
    const free = await signUp({ email: "free-address@example.com", displayName: "Copycat", password: PASSWORD });
    expect(answerOf(taken)).toEqual({ status: 200, body: { sentTo: existing.email.toUpperCase() } });
    expect(answerOf(free)).toEqual({ status: 200, body: { sentTo: "free-address@example.com" } });
    expect(await row(sql`select count(*) - 1 as n from users`)).toEqual(users);
    expect(await emailsTo(existing.email)).toHaveLength(1);
  });

  it("refuses a bad form with field errors and keeps what was typed, but not the password", async () => {
    const reply = (await signUp({ email: "not an email", displayName: "Typo", password: PASSWORD })) as Reply;
    expect(reply.error?.email).toEqual(["errors.field.email"]);
    expect(reply.initialValue).toMatchObject({ displayName: "Typo", email: "not an email" });
    expect(reply.initialValue?.password).toBeUndefined();
  });

  // Issue 11: "1234567890" and ten spaces were accepted (length was the only rule).
  it.each(["1234567890", "          ", "password12345", "qwertyuiop", "nueva.persona@example.com"])("refuses %j, too easy to guess, and says why", async (password) => {
    const reply = (await signUp({ email: "nueva.persona@example.com", displayName: "Nueva Persona", password })) as Reply;
    expect(reply.error?.password).toEqual(["errors.field.weakPassword"]);
    expect(reply.initialValue?.password).toBeUndefined();
    expect(await findPersonByEmail("nueva.persona@example.com")).toBeNull();
  });

  it("refuses a password longer than 200 characters, at sign-up and at log-in", async () => {
    const password = `${PASSWORD} `.repeat(20);
    const reply = (await signUp({ email: "long@example.com", displayName: "Long", password })) as Reply;
    expect(reply.error?.password).toEqual(["errors.field.tooLong:200"]);
    const login = answerOf(await call(() => loginAction(args(makeRequest("/login", { form: { email: "long@example.com", password } })))));
    expect((login.body as Reply).error?.password).toEqual(["errors.field.tooLong:200"]);
  });

  it("never sends a confirmed newcomer off the site", async () => {
    await signUp({ email: "redir@example.com", displayName: "Redir", password: PASSWORD, redirectTo: "//evil.example" });
    expect((await lastEmailTo("redir@example.com")).text).not.toContain("redirectTo");
  });

  it("follows the site's settings: only allowed domains, or no form at all when sign-up is by invitation", async () => {
    await transaction(async (tx) => {
      await tx.update(site).set({ signupDomains: "acme.test" });
      await settingsChanged(tx);
    });
    const outsider = (await signUp({ email: "out@elsewhere.test", displayName: "Outsider", password: PASSWORD })) as Reply;
    expect(outsider.error?.email).toEqual(["errors.signup.domainNotAllowed"]);
    expect(outsider.initialValue).toMatchObject({ displayName: "Outsider" });
    expect(await findPersonByEmail("out@elsewhere.test")).toBeNull();
    expect(await signUp({ email: "in@eu.acme.test", displayName: "Insider", password: PASSWORD })).toEqual({ sentTo: "in@eu.acme.test" });

    await transaction(async (tx) => {
      await tx.update(site).set({ signupMode: "invited", signupDomains: "" });
      await settingsChanged(tx);
    });
    try {
      expect(await signupLoader(args(makeRequest("/signup")))).toMatchObject({ open: false });
      const closed = (await signUp({ email: "late@example.com", displayName: "Late", password: PASSWORD })) as Reply;
      expect(closed.error?.[""]).toEqual(["errors.signup.inviteOnly"]);
      expect(await findPersonByEmail("late@example.com")).toBeNull();
    } finally {
      // The other tests of this file sign up as anyone may.
      await transaction(async (tx) => {
        await tx.update(site).set({ signupMode: "anyone" });
        await settingsChanged(tx);
      });
    }
  });
});

describe("sign-ups per client address", () => {
  it("past the limit, answers 429 with the wait in the form, keeps what was typed and creates nobody", async () => {
    const signUpFrom = (email: string) =>
      call(() => signupAction(args(makeRequest("/signup", { form: { email, displayName: "Many Accounts", password: PASSWORD } }), {}, { clientAddress: "198.51.100.20" })));
    for (let i = 1; i < RATE_LIMITS.signup.limit; i++) await consume("signup:198.51.100.20", RATE_LIMITS.signup);
    expect(await signUpFrom("last-allowed@example.com")).toEqual({ sentTo: "last-allowed@example.com" });

    const refused = answerOf(await signUpFrom("one-too-many@example.com"));
    expect(refused.status).toBe(429);
    expect((refused.body as Reply).error?.[""]).toEqual(["errors.rateLimited.minutes:15"]);
    expect((refused.body as Reply).initialValue).toMatchObject({ email: "one-too-many@example.com", displayName: "Many Accounts" });
    expect((refused.body as Reply).initialValue?.password).toBeUndefined();
    expect(await findPersonByEmail("one-too-many@example.com")).toBeNull();
  });
});
