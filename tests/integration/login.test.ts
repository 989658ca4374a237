import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { action as loginAction } from "~/routes/login";
import { action as logoutAction } from "~/routes/logout";
import { getSession } from "~/web/session.server";
import { setClock } from "~/lib/clock.server";
import { RATE_LIMITS } from "~/web/throttle.server";
import { answerOf, args, call, ensureSite, makePerson, makeRequest, PASSWORD } from "#tests/support/fixtures";

beforeAll(ensureSite);
afterEach(() => setClock(null));

type Reply = { status: string; error?: Record<string, string[] | null>; initialValue?: Record<string, string> };
const logIn = (form: Record<string, string>) => loginAction(args(makeRequest("/login", { form })));

describe("log in and out", () => {
  it("gives the same error for an unknown email and a wrong password", async () => {
    const person = await makePerson();
    const wrongPassword = (await logIn({ email: person.email, password: "not the password" })) as Reply;
    const unknownEmail = (await logIn({ email: "ghost@example.com", password: PASSWORD })) as Reply;
    expect(wrongPassword.error?.[""]).toEqual(["errors.account.badCredentials"]);
    expect(unknownEmail.error).toEqual(wrongPassword.error);
    expect(wrongPassword.initialValue?.email).toBe(person.email);
  });

  it("signs in with a new session and signs out", async () => {
    const person = await makePerson();
    const response = (await call(() => logIn({ email: person.email, password: PASSWORD }))) as Response;
    expect(response.headers.get("Location")).toBe("/");
    const cookie = response.headers.get("Set-Cookie")!.split(";")[0]!;
    expect((await getSession(makeRequest("/", { cookie }))).user?.id).toBe(person.id);

    const logout = (await call(() => logoutAction(args(makeRequest("/logout", { method: "POST", cookie }))))) as Response;
    expect(logout.headers.get("Set-Cookie")).toMatch(/Max-Age=0/);
    expect((await getSession(makeRequest("/", { cookie }))).user).toBeNull();
  });
});

describe("throttling failed sign-ins", () => {
  const logInFrom = (clientAddress: string, form: Record<string, string>) => call(() => loginAction(args(makeRequest("/login", { form }), {}, { clientAddress })));

  it("answers the 11th failure for an account from one address with 429 and the wait, even with the right password; others are not held back", async () => {
    // The clock stands still, so that the wait is exactly the window however slow the machine.
    setClock(new Date());
    const person = await makePerson();
    expect(RATE_LIMITS.signInFailures).toEqual({ limit: 10, windowMs: 15 * 60_000 });
    for (let i = 0; i < 10; i++) {
      expect(answerOf(await logInFrom("198.51.100.30", { email: person.email, password: `wrong ${i}` })).status).toBe(200);
    }
    const refused = await logInFrom("198.51.100.30", { email: person.email.toUpperCase(), password: PASSWORD });
    expect(answerOf(refused).status).toBe(429);
    expect((refused as { init: { headers: Record<string, string> } }).init.headers["Retry-After"]).toBe("900");
    expect((answerOf(refused).body as Reply).error?.[""]).toEqual(["errors.rateLimited.minutes:15"]);
    expect((answerOf(refused).body as Reply).initialValue?.email).toBe(person.email.toUpperCase());

    // The same person from elsewhere, and someone else from here, still sign in.
    expect(((await logInFrom("198.51.100.31", { email: person.email, password: PASSWORD })) as Response).status).toBe(302);
    const other = await makePerson();
    expect(((await logInFrom("198.51.100.30", { email: other.email, password: PASSWORD })) as Response).status).toBe(302);
  });

  it("keeps counting in the database: a server started afresh refuses the 11th too", async () => {
    const person = await makePerson();
    for (let i = 0; i < 10; i++) await logInFrom("198.51.100.32", { email: person.email, password: `wrong ${i}` });
    const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", "tests/support/sign-in-attempt.ts"], {
      env: { ...process.env, ATTEMPT_EMAIL: person.email, ATTEMPT_PASSWORD: PASSWORD, ATTEMPT_ADDRESS: "198.51.100.32" },
    });
    expect(JSON.parse(stdout)).toEqual({ status: 429 });
  });

  it("a success clears the account's failures", async () => {
    const person = await makePerson();
    for (let i = 0; i < 9; i++) await logInFrom("198.51.100.33", { email: person.email, password: `wrong ${i}` });
    expect(((await logInFrom("198.51.100.33", { email: person.email, password: PASSWORD })) as Response).status).toBe(302);
    for (let i = 0; i < 10; i++) await logInFrom("198.51.100.33", { email: person.email, password: `wrong ${i}` });
    expect(answerOf(await logInFrom("198.51.100.33", { email: person.email, password: "wrong again" })).status).toBe(429);
  });
});
