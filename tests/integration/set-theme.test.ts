import { beforeAll, describe, expect, it } from "vitest";
import { getPerson } from "~/domain/people.server";
import { loader as rootLoader } from "~/root";
import { action as setThemeAction } from "~/routes/set-theme";
import { args, call, ensureSite, makePerson, makeRequest, sessionCookieFor } from "#tests/support/fixtures";

beforeAll(ensureSite);

describe("theme", () => {
  const theme = async (request: Request) => ((await rootLoader(args(request))) as unknown as { data: { theme: string | null } }).data.theme;
  const choose = async (form: Record<string, string>, cookie?: string) =>
    (await call(() => setThemeAction(args(makeRequest("/set-theme", { ...(cookie ? { cookie } : {}), form: { redirectTo: "/roadmap", ...form } }))))) as Response;

  it("follows the system until a visitor chooses one, kept in a cookie; a bad cookie or value changes nothing", async () => {
    expect(await theme(makeRequest("/"))).toBeNull();
    const dark = await choose({ theme: "dark" });
    expect(dark.headers.get("Location")).toBe("/roadmap");
    const cookie = dark.headers.get("Set-Cookie")!.split(";")[0]!;
    expect(cookie).toMatch(/^tertulia_theme=/);
    expect(await theme(makeRequest("/", { cookie }))).toBe("dark");
    expect(await theme(makeRequest("/", { cookie: "tertulia_theme=%%%" }))).toBeNull();
    expect((await choose({ theme: "purple" })).headers.get("Set-Cookie")).toBeNull();
    expect((await choose({ theme: "system" })).headers.get("Set-Cookie")).toMatch(/Max-Age=0/);
  });

  it("is kept on a signed-in person's account", async () => {
    const person = await makePerson();
    const cookie = await sessionCookieFor(person.id);
    await choose({ theme: "light" }, cookie);
    expect((await getPerson(person.id))?.theme).toBe("light");
    expect(await theme(makeRequest("/", { cookie }))).toBe("light");
    await choose({ theme: "system" }, cookie);
    expect((await getPerson(person.id))?.theme).toBeNull();
    expect(await theme(makeRequest("/", { cookie }))).toBeNull();
  });
});
