import { beforeAll, describe, expect, it } from "vitest";
import { getPerson } from "~/domain/people.server";
import { loader as rootLoader } from "~/root";
import { action as setLanguageAction } from "~/routes/set-language";
import { args, call, ensureSite, makePerson, makeRequest, sessionCookieFor } from "#tests/support/fixtures";

beforeAll(ensureSite);

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
    expect((await getPerson(person.id))?.locale).toBe("es");
    expect(await locale(makeRequest("/", { cookie, headers: { "Accept-Language": "en" } }))).toBe("es");
  });
});
