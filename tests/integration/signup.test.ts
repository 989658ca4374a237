import { beforeAll, describe, expect, it } from "vitest";
import { findPersonByEmail } from "~/domain/people.server";
import { action as signupAction } from "~/routes/signup";
import { args, call, ensureSite, makePerson, makeRequest, PASSWORD } from "#tests/support/fixtures";

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
