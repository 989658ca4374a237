import { beforeAll, describe, expect, it } from "vitest";
import { action as loginAction } from "~/routes/login";
import { action as logoutAction } from "~/routes/logout";
import { getSession } from "~/web/session.server";
import { args, call, ensureSite, makePerson, makeRequest, PASSWORD } from "#tests/support/fixtures";

beforeAll(ensureSite);

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
