import { beforeAll, describe, expect, it } from "vitest";
import { getPerson } from "~/domain/people.server";
import { action as profileAction, loader as profileLoader } from "~/routes/settings.profile";
import { args, call, ensureSite, makePerson, makeRequest, sessionCookieFor } from "#tests/support/fixtures";

beforeAll(ensureSite);

type Reply = { status: string; error?: Record<string, string[] | null> };

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
    expect(await getPerson(staff.id)).toMatchObject({ displayName: "Renamed", jobTitle: "Support lead", bio: "Answers fast.", company: null, locale: null });
    expect(await getPerson(customer.id)).toMatchObject({ jobTitle: null, bio: null, company: "Acme" });
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
