import { SignJWT } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { ssoAudience } from "~/domain/signed-token-sso.server";
import { action as adminSsoAction, loader as adminSsoLoader } from "~/routes/admin.sso";
import { loader as ssoLoader } from "~/routes/sso";
import { getSession } from "~/web/session.server";
import { answerOf, args, call, ensureSite, makePerson, makeRequest, sessionCookieFor } from "#tests/support/fixtures";

beforeAll(ensureSite);

const visit = (token: string, redirectTo = "/ideas/new") => call(() => ssoLoader(args(makeRequest(`/sso?${new URLSearchParams({ token, redirectTo })}`), {}, { clientAddress: "198.51.100.90" })));
const sign = (secret: string, email: string) =>
  new SignJWT({ email, name: "Token Person" })
    .setProtectedHeader({ alg: "HS256" })
    .setAudience(ssoAudience())
    .setIssuedAt()
    .setExpirationTime("5m")
    .setJti(`${email}-${Math.random()}`)
    .sign(new TextEncoder().encode(secret));

describe("/sso and /admin/sso", () => {
  it("answers 404 while no secret was made; an admin makes one; a token then signs the person in and goes on", async () => {
    expect(answerOf(await visit(await sign("some secret nobody configured", "early@company.example")))).toMatchObject({ status: 404, body: { problem: "notConfigured" } });

    const adminCookie = await sessionCookieFor((await makePerson("admin")).id);
    expect(await adminSsoLoader(args(makeRequest("/admin/sso", { cookie: adminCookie })))).toMatchObject({ secret: null });
    await adminSsoAction(args(makeRequest("/admin/sso", { cookie: adminCookie, form: {} })));
    const { secret } = await adminSsoLoader(args(makeRequest("/admin/sso", { cookie: adminCookie })));
    expect(secret).toMatch(/^[\w-]{43}$/);

    const response = (await visit(await sign(secret!, "arrived@company.example"))) as Response;
    expect(response.headers.get("Location")).toBe("/ideas/new");
    const cookie = response.headers.get("Set-Cookie")!.split(";")[0]!;
    expect((await getSession(makeRequest("/", { cookie }))).user).toMatchObject({ email: "arrived@company.example", emailVerified: true });

    expect(answerOf(await visit(await sign("a forged secret, long enough to sign", "forger@company.example")))).toMatchObject({ status: 400, body: { problem: "invalid" } });
    expect(answerOf(await visit(""))).toMatchObject({ status: 400, body: { problem: "invalid" } });
  });

  it("/admin/sso is refused to staff and customers, page and action", async () => {
    for (const role of ["staff", "customer"] as const) {
      const cookie = await sessionCookieFor((await makePerson(role)).id);
      expect(((await call(() => adminSsoLoader(args(makeRequest("/admin/sso", { cookie }))))) as Response).status).toBe(403);
      expect(((await call(() => adminSsoAction(args(makeRequest("/admin/sso", { cookie, method: "POST" }))))) as Response).status).toBe(403);
    }
  });
});
