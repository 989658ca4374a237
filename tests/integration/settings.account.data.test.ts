import { beforeAll, describe, expect, it } from "vitest";
import { loader as dataLoader } from "~/routes/settings.account.data";
import { args, call, ensureSite, makePerson, makeRequest, sessionCookieFor } from "#tests/support/fixtures";
import { makeIdea } from "#tests/support/ideas";

beforeAll(ensureSite);

describe("/settings/account/data", () => {
  it("hands the signed-in person their own data as a JSON file", async () => {
    const person = await makePerson("customer", { displayName: "Dee Download" });
    await makeIdea(person.id, "Downloadable idea");
    const response = (await dataLoader(args(makeRequest("/settings/account/data", { cookie: await sessionCookieFor(person.id) })))) as Response;
    expect(response.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="tertulia-data-\d{4}-\d{2}-\d{2}\.json"$/);
    const body = (await response.json()) as { profile: { email: string }; ideas: { title: string }[] };
    expect(body.profile.email).toBe(person.email);
    expect(body.ideas.map((idea) => idea.title)).toEqual(["Downloadable idea"]);
  });

  it("sends a visitor to log in", async () => {
    expect(((await call(() => dataLoader(args(makeRequest("/settings/account/data"))))) as Response).headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
  });
});
