import { SignJWT } from "jose";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { findPersonByEmail } from "~/domain/people.server";
import { deleteExpiredSsoTokenUses, getSsoSecret, rotateSsoSecret, signInWithSsoToken, ssoAudience } from "~/domain/signed-token-sso.server";
import { rows } from "#tests/support/db";
import { accepted, ensureSite, makePerson } from "#tests/support/fixtures";

let secret = "";
beforeAll(async () => {
  await ensureSite();
  const admin = await makePerson("admin");
  secret = accepted(await rotateSsoSecret(admin.id)).secret;
});

let counter = 0;
/** A token as the company's server would make it, with some of its parts changed. */
function token(claims: Record<string, unknown> = {}, options: { key?: string; audience?: string; issuedAt?: number; expiresAt?: number } = {}) {
  const now = Math.floor(Date.now() / 1000);
  counter += 1;
  return new SignJWT({ email: `sso-${counter}@company.example`, name: `Sso Person ${counter}`, ...claims })
    .setProtectedHeader({ alg: "HS256" })
    .setAudience(options.audience ?? ssoAudience())
    .setIssuedAt(options.issuedAt ?? now)
    .setExpirationTime(options.expiresAt ?? now + 300)
    .setJti(`jti-${counter}-${Math.random()}`)
    .sign(new TextEncoder().encode(options.key ?? secret));
}

describe("signInWithSsoToken", () => {
  it("creates the customer the token names, address confirmed, with their company; a later token updates them", async () => {
    const first = await signInWithSsoToken(await token({ email: "Carla@Company.example", name: "Carla C", company: "Company S.A." }));
    expect(first).toMatchObject({ ok: true, value: { email: "carla@company.example", displayName: "Carla C", company: "Company S.A.", role: "customer", passwordHash: "", emailVerifiedAt: expect.any(Date) } });
    const again = await signInWithSsoToken(await token({ email: "carla@company.example", name: "Carla Castro" }));
    expect(again).toMatchObject({ ok: true, value: { id: first.ok ? first.value.id : "", displayName: "Carla Castro", company: "Company S.A." } });
  });

  it("signs in an existing customer by their address, confirming it", async () => {
    const customer = await makePerson("customer", { verified: false });
    expect(await signInWithSsoToken(await token({ email: customer.email, name: "Known Customer" }))).toMatchObject({ ok: true, value: { id: customer.id, emailVerifiedAt: expect.any(Date) } });
  });

  it("refuses a forged, expired, too old, replayed or mis-addressed token, and one without a name", async () => {
    const now = Math.floor(Date.now() / 1000);
    expect(await signInWithSsoToken(await token({}, { key: "not the secret at all, but long enough" }))).toEqual({ ok: false, reason: "invalid" });
    expect(await signInWithSsoToken(await token({}, { issuedAt: now - 400, expiresAt: now - 120 }))).toEqual({ ok: false, reason: "expired" });
    expect(await signInWithSsoToken(await token({}, { issuedAt: now - 3600, expiresAt: now + 300 }))).toEqual({ ok: false, reason: "expired" });
    expect(await signInWithSsoToken(await token({}, { audience: "https://another-portal.example" }))).toEqual({ ok: false, reason: "invalid" });
    expect(await signInWithSsoToken(await token({ name: "" }))).toEqual({ ok: false, reason: "invalid" });
    expect(await signInWithSsoToken("not.a.token")).toEqual({ ok: false, reason: "invalid" });
    const once = await token();
    expect((await signInWithSsoToken(once)).ok).toBe(true);
    expect(await signInWithSsoToken(once)).toEqual({ ok: false, reason: "replayed" });
  });

  it("allows a minute of clock skew", async () => {
    const now = Math.floor(Date.now() / 1000);
    expect((await signInWithSsoToken(await token({}, { issuedAt: now - 200, expiresAt: now - 30 }))).ok).toBe(true);
  });

  it("does not sign in staff, and stops accepting the old secret once it is replaced", async () => {
    const staff = await makePerson("staff");
    expect(await signInWithSsoToken(await token({ email: staff.email }))).toEqual({ ok: false, reason: "staff" });
    const admin = await makePerson("admin");
    const old = secret;
    secret = accepted(await rotateSsoSecret(admin.id)).secret;
    expect(await signInWithSsoToken(await token({}, { key: old }))).toEqual({ ok: false, reason: "invalid" });
    expect((await getSsoSecret())?.secret).toBe(secret);
  });

  it("forgets used tokens once they have expired", async () => {
    const used = await token({ email: "forgotten@company.example" });
    await signInWithSsoToken(used);
    await deleteExpiredSsoTokenUses(new Date(Date.now() + 3600_000));
    expect(await rows(sql`select jti from sso_token_uses`)).toEqual([]);
    expect(await findPersonByEmail("forgotten@company.example")).not.toBeNull();
  });
});
