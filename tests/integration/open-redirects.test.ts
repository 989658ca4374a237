import { beforeAll, describe, expect, it } from "vitest";
import { action as loginAction, loader as loginLoader } from "~/routes/login";
import { action as setLanguageAction } from "~/routes/set-language";
import { action as signupAction } from "~/routes/signup";
import { action as confirmAction } from "~/routes/verify-email.$token";
import { action as voteAction } from "~/routes/ideas.$id.vote";
import { answerOf, args, call, ensureSite, makePerson, makeRequest, PASSWORD, signedIn } from "#tests/support/fixtures";
import { makeIdea } from "#tests/support/ideas";
import { lastEmailTo, tokenIn } from "#tests/support/mail";

beforeAll(ensureSite);

// Every route that takes a `redirectTo` (issue 11: "/%09/evil.com" became "//evil.com" in the
// browser; "%0A", "%0D" and non-Latin-1 characters gave a 500). Each hostile value must land
// on the site's own page, and nothing may answer 500.
const HOSTILE = ["/\t/evil.example", "/\n/evil.example", "/\r\n/evil.example", "//evil.example", "/\\evil.example", "https://evil.example/", "/%09/evil.example", "/.//evil.example"];

const locationOf = async (run: () => unknown) => {
  const answer = await call(run);
  expect(answer).toBeInstanceOf(Response);
  const response = answer as Response;
  expect(response.status).toBeGreaterThanOrEqual(300);
  expect(response.status).toBeLessThan(400);
  return response.headers.get("Location");
};

describe("redirectTo, wherever it is taken", () => {
  it.each(HOSTILE)("%j stays on the site: log in (form and signed-in visit), sign up (its confirmation link), language, vote", async (target) => {
    const person = await makePerson();
    expect(await locationOf(() => loginAction(args(makeRequest("/login", { form: { email: person.email, password: PASSWORD, redirectTo: target } }))))).toBe("/");

    const { cookie } = await signedIn();
    expect(await locationOf(() => loginLoader(args(makeRequest(`/login?${new URLSearchParams({ redirectTo: target })}`, { cookie }))))).toBe("/");
    expect(await locationOf(() => setLanguageAction(args(makeRequest("/set-language", { form: { locale: "es", redirectTo: target } }))))).toBe("/");

    const email = `redirect-${Math.random().toString(36).slice(2)}@example.com`;
    // Sign-up carries the target in its confirmation link, which leads there once followed.
    await signupAction(args(makeRequest("/signup", { form: { email, displayName: "Redirected", password: PASSWORD, redirectTo: target } })));
    const confirmation = await lastEmailTo(email);
    expect(confirmation.text).not.toContain("redirectTo");
    const token = tokenIn(confirmation, "verify-email")!;
    const confirmPath = `/verify-email/${token}?${new URLSearchParams({ redirectTo: target })}`;
    expect(await locationOf(() => confirmAction(args(makeRequest(confirmPath, { method: "POST" }), { token })))).toBe("/");

    const idea = await makeIdea(person.id, `Redirect target ${Math.random()}`);
    const voted = await locationOf(() =>
      voteAction(args(makeRequest(`/ideas/${idea.id}/vote`, { cookie, form: { wanted: "true", redirectTo: target } }), { id: String(idea.id) })),
    );
    expect(voted).toBe(`/ideas/${idea.id}`);
  });

  it("keeps a good target, encoded so that it is always a valid header", async () => {
    const { cookie } = await signedIn();
    expect(await locationOf(() => loginLoader(args(makeRequest("/login?redirectTo=%2Fideas%2F%C3%A9%3Fq%3D%C3%B1", { cookie }))))).toBe("/ideas/%C3%A9?q=%C3%B1");
    const answer = answerOf(await call(() => setLanguageAction(args(makeRequest("/set-language", { form: { locale: "en", redirectTo: "http://tertulia.test/team" } })))));
    expect(answer.status).toBe(302);
  });
});
