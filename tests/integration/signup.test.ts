import { beforeAll, describe, expect, it } from "vitest";
import { findPersonByEmail } from "~/domain/people.server";
import { consume } from "~/domain/rate-limits.server";
import { action as signupAction } from "~/routes/signup";
import { RATE_LIMITS } from "~/web/throttle.server";
import { answerOf, args, call, ensureSite, makePerson, makeRequest, PASSWORD } from "#tests/support/fixtures";

beforeAll(ensureSite);

type Reply = { status: string; error?: Record<string, string[] | null>; initialValue?: Record<string, string> };
const signUp = (form: Record<string, string>) => signupAction(args(makeRequest("/signup", { form })));

describe("sign up", () => {
  it("creates a customer, signs them in and returns them where they were", async () => {
    const response = (await call(() =>
      signUp({ email: " New.Person@Example.com ", displayName: "New Person", password: PASSWORD, redirectTo: "/ideas/3", locale: "es" }),
    )) as Response;
    expect(response.headers.get("Location")).toBe("/ideas/3");
    expect(response.headers.get("Set-Cookie")).toMatch(/^tertulia_session=/);
    expect(await findPersonByEmail("new.person@example.com")).toMatchObject({ role: "customer", locale: "es" });
  });

  it("refuses a taken email with a field error and keeps the typed values", async () => {
    const existing = await makePerson();
    const reply = (await signUp({ email: existing.email.toUpperCase(), displayName: "Copycat", password: PASSWORD })) as Reply;
    expect(reply.error?.email).toEqual(["errors.account.emailTaken"]);
    expect(reply.initialValue).toMatchObject({ displayName: "Copycat" });
    expect(reply.initialValue?.password).toBeUndefined();
  });

  it("never redirects off the site after signing up", async () => {
    const response = (await call(() => signUp({ email: "redir@example.com", displayName: "Redir", password: PASSWORD, redirectTo: "//evil.example" }))) as Response;
    expect(response.headers.get("Location")).toBe("/");
  });
});

describe("sign-ups per client address", () => {
  it("past the limit, answers 429 with the wait in the form, keeps what was typed and creates nobody", async () => {
    const signUpFrom = (email: string) =>
      call(() => signupAction(args(makeRequest("/signup", { form: { email, displayName: "Many Accounts", password: PASSWORD } }), {}, { clientAddress: "198.51.100.20" })));
    for (let i = 1; i < RATE_LIMITS.signup.limit; i++) await consume("signup:198.51.100.20", RATE_LIMITS.signup);
    expect((await signUpFrom("last-allowed@example.com")) as Response).toBeInstanceOf(Response);

    const refused = answerOf(await signUpFrom("one-too-many@example.com"));
    expect(refused.status).toBe(429);
    expect((refused.body as Reply).error?.[""]).toEqual(["errors.rateLimited.minutes:15"]);
    expect((refused.body as Reply).initialValue).toMatchObject({ email: "one-too-many@example.com", displayName: "Many Accounts" });
    expect((refused.body as Reply).initialValue?.password).toBeUndefined();
    expect(await findPersonByEmail("one-too-many@example.com")).toBeNull();
  });
});
