import { beforeAll, describe, expect, it } from "vitest";
import { loader as adminLayoutLoader } from "~/routes/admin";
import { loader as adminIndexLoader } from "~/routes/admin._index";
import { args, call, ensureSite, makePerson, makeRequest, sessionCookieFor } from "#tests/support/fixtures";

beforeAll(ensureSite);

describe("who may enter the staff area", () => {
  it.each([
    ["/admin", adminLayoutLoader],
    ["/admin", adminIndexLoader],
  ])("%s: visitors log in, customers get 403, staff enter", async (path, loader) => {
    const visitor = (await call(() => loader(args(makeRequest(path))))) as Response;
    expect(visitor.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent(path)}`);
    const customer = await sessionCookieFor((await makePerson("customer")).id);
    expect(((await call(() => loader(args(makeRequest(path, { cookie: customer }))))) as Response).status).toBe(403);
    expect(await loader(args(makeRequest(path, { cookie: await sessionCookieFor((await makePerson("staff")).id) })))).not.toBeInstanceOf(Response);
  });
});
