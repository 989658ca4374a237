import { beforeAll, describe, expect, it } from "vitest";
import { loader as rootLoader } from "~/root";
import { action as loginAction } from "~/routes/login";
import { action as logoutAction } from "~/routes/logout";
import { action as signupAction } from "~/routes/signup";
import { action as setLanguageAction } from "~/routes/set-language";
import { action as profileAction, loader as profileLoader } from "~/routes/settings.profile";
import { findPersonByEmail, getPerson } from "~/domain/people.server";
import { getSession } from "~/lib/auth.server";
import { args, call, ensureSite, makePerson, makeRequest, PASSWORD, sessionCookieFor } from "#tests/support/fixtures";

beforeAll(ensureSite);

type Reply = { status: string; error?: Record<string, string[] | null>; initialValue?: Record<string, string> };

describe("sign up", () => {
  it("creates a customer, signs them in and returns them where they were", async () => {
    const response = (await call(() =>
      signupAction(
        args(
          makeRequest("/signup", {
            form: { email: " New.Person@Example.com ", displayName: "New Person", password: PASSWORD, redirectTo: "/ideas/3", locale: "es" },
          }),
        ),
      ),
    )) as Response;
    expect(response.headers.get("Location")).toBe("/ideas/3");
    expect(response.headers.get("Set-Cookie")).toMatch(/^tertulia_session=/);
    expect(findPersonByEmail("new.person@example.com")).toMatchObject({ role: "customer", locale: "es" });
  });

  it("refuses a taken email with a field error and keeps the typed values", async () => {
    const existing = await makePerson();
    const reply = (await signupAction(
      args(makeRequest("/signup", { form: { email: existing.email.toUpperCase(), displayName: "Copycat", password: PASSWORD } })),
    )) as Reply;
    expect(reply.error?.email).toEqual(["errors.account.emailTaken"]);
    expect(reply.initialValue).toMatchObject({ displayName: "Copycat" });
    expect(reply.initialValue?.password).toBeUndefined();
  });

  it("never redirects off the site after signing up", async () => {
    const response = (await call(() =>
      signupAction(
        args(makeRequest("/signup", { form: { email: "redir@example.com", displayName: "Redir", password: PASSWORD, redirectTo: "//evil.example" } })),
      ),
    )) as Response;
    expect(response.headers.get("Location")).toBe("/");
  });
});

describe("log in and out", () => {
  it("gives the same error for an unknown email and a wrong password", async () => {
    const person = await makePerson();
    const wrongPassword = (await loginAction(args(makeRequest("/login", { form: { email: person.email, password: "not the password" } })))) as Reply;
    const unknownEmail = (await loginAction(args(makeRequest("/login", { form: { email: "ghost@example.com", password: PASSWORD } })))) as Reply;
    expect(wrongPassword.error?.[""]).toEqual(["errors.account.badCredentials"]);
    expect(unknownEmail.error).toEqual(wrongPassword.error);
    expect(wrongPassword.initialValue?.email).toBe(person.email);
  });

  it("signs in with a new session and signs out", async () => {
    const person = await makePerson();
    const response = (await call(() => loginAction(args(makeRequest("/login", { form: { email: person.email, password: PASSWORD } }))))) as Response;
    expect(response.headers.get("Location")).toBe("/");
    const cookie = response.headers.get("Set-Cookie")!.split(";")[0]!;
    expect((await getSession(makeRequest("/", { cookie }))).user?.id).toBe(person.id);

    const logout = (await call(() => logoutAction(args(makeRequest("/logout", { method: "POST", cookie }))))) as Response;
    expect(logout.headers.get("Set-Cookie")).toMatch(/Max-Age=0/);
    expect((await getSession(makeRequest("/", { cookie }))).user).toBeNull();
  });
});

describe("language", () => {
  it("follows the person's setting, then the cookie, then Accept-Language", async () => {
    const locale = async (request: Request) => ((await rootLoader(args(request))) as unknown as { data: { locale: string } }).data.locale;
    expect(await locale(makeRequest("/", { headers: { "Accept-Language": "es-MX,es;q=0.9" } }))).toBe("es");
    expect(await locale(makeRequest("/", { headers: { "Accept-Language": "es", Cookie: "tertulia_lng=ImVuIg%3D%3D" } }))).toBe("en");

    const person = await makePerson();
    const cookie = await sessionCookieFor(person.id);
    const switched = (await call(() => setLanguageAction(args(makeRequest("/set-language", { cookie, form: { locale: "es", redirectTo: "/team" } }))))) as Response;
    expect(switched.headers.get("Location")).toBe("/team");
    expect(switched.headers.get("Set-Cookie")).toMatch(/^tertulia_lng=/);
    expect(getPerson(person.id)?.locale).toBe("es");
    expect(await locale(makeRequest("/", { cookie, headers: { "Accept-Language": "en" } }))).toBe("es");
  });
});

describe("profile settings", () => {
  it("is for signed-in people only", async () => {
    const response = (await call(() => profileLoader(args(makeRequest("/settings/profile"))))) as Response;
    expect(response.headers.get("Location")).toBe("/login?redirectTo=%2Fsettings%2Fprofile");
  });

  it("lets staff set a title and bio, but not customers", async () => {
    const staff = await makePerson("staff");
    const customer = await makePerson("customer");
    const form = { displayName: "Renamed", locale: "auto", jobTitle: "Support lead", bio: "Answers fast.", company: "Acme" };
    await profileAction(args(makeRequest("/settings/profile", { cookie: await sessionCookieFor(staff.id), form })));
    await profileAction(args(makeRequest("/settings/profile", { cookie: await sessionCookieFor(customer.id), form })));
    expect(getPerson(staff.id)).toMatchObject({ displayName: "Renamed", jobTitle: "Support lead", bio: "Answers fast.", company: null, locale: null });
    expect(getPerson(customer.id)).toMatchObject({ jobTitle: null, bio: null, company: "Acme" });
  });

  it("answers bad input with field errors", async () => {
    const person = await makePerson();
    const response = (await profileAction(
      args(makeRequest("/settings/profile", { cookie: await sessionCookieFor(person.id), form: { displayName: "", locale: "fr" } })),
    )) as unknown as { data: Reply; init: { status: number } };
    expect(response.init.status).toBe(400);
    expect(response.data.error?.displayName).toEqual(["errors.field.required"]);
    expect(response.data.error?.locale).toBeTruthy();
  });
});
