import { Events, OAuth2Server } from "oauth2-mock-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findPersonByEmail } from "~/domain/people.server";
import { loader as startLoader } from "~/routes/auth.oidc.$provider";
import { loader as callbackLoader } from "~/routes/auth.oidc.$provider_.callback";
import { action as loginAction, loader as loginLoader } from "~/routes/login";
import { getSession } from "~/web/session.server";
import { answerOf, args, call, ensureSite, makePerson, makeRequest, PASSWORD } from "#tests/support/fixtures";

// A real OpenID provider on this machine (oauth2-mock-server): discovery, PKCE, nonce and
// RS256-signed ID tokens, as a company's provider would do them.
const provider = new OAuth2Server();
let claims: Record<string, unknown> = {};
const previous = process.env.OIDC_PROVIDERS;

beforeAll(async () => {
  await ensureSite();
  await provider.issuer.keys.generate("RS256");
  await provider.start(0, "127.0.0.1");
  provider.service.on(Events.BeforeTokenSigning, (token) => Object.assign(token.payload, claims));
  process.env.OIDC_PROVIDERS = JSON.stringify([{ id: "acme", label: "Acme staff sign-in", issuer: provider.issuer.url, clientId: "tertulia", clientSecret: "client secret" }]);
});

afterAll(async () => {
  process.env.OIDC_PROVIDERS = previous;
  if (previous === undefined) delete process.env.OIDC_PROVIDERS;
  await provider.stop();
});

/** The whole round trip, as a browser would make it: to the provider and back with a code. */
async function signIn(as: Record<string, unknown>, options: { tamperState?: boolean } = {}) {
  claims = as;
  const start = (await call(() => startLoader(args(makeRequest("/auth/oidc/acme?redirectTo=%2Froadmap"), { provider: "acme" })))) as Response;
  const authorize = new URL(start.headers.get("Location")!);
  expect(authorize.searchParams.get("code_challenge_method")).toBe("S256");
  const flowCookie = start.headers.get("Set-Cookie")!.split(";")[0]!;
  const back = new URL((await fetch(authorize, { redirect: "manual" })).headers.get("Location")!);
  if (options.tamperState) back.searchParams.set("state", "forged");
  return call(() => callbackLoader(args(makeRequest(`/auth/oidc/acme/callback${back.search}`, { cookie: flowCookie }), { provider: "acme" })));
}

describe("sign-in through the company's OpenID Connect provider", () => {
  it("shows the provider's button on the login page", async () => {
    expect(await loginLoader(args(makeRequest("/login")))).toMatchObject({ providers: [{ id: "acme", label: "Acme staff sign-in" }] });
  });

  it("creates the account on the first sign-in, with the provider's confirmed address, and finds it by subject afterwards", async () => {
    const response = (await signIn({ sub: "acme-1", email: "Olga@Acme.example", email_verified: true, name: "Olga Oidc" })) as Response;
    expect(response.headers.get("Location")).toBe("/roadmap");
    const session = response.headers.get("Set-Cookie")!.split(/,(?=\s*tertulia_session=)/).find((part) => part.includes("tertulia_session="))!;
    const cookie = session.trim().split(";")[0]!;
    expect((await getSession(makeRequest("/", { cookie }))).user).toMatchObject({ email: "olga@acme.example", displayName: "Olga Oidc", emailVerified: true });

    // The same subject with another address is the same person.
    const again = (await signIn({ sub: "acme-1", email: "olga.new@acme.example", email_verified: true })) as Response;
    expect(again.status).toBe(302);
    expect(await findPersonByEmail("olga.new@acme.example")).toBeNull();
  });

  it("links an existing account by a confirmed address, and refuses an unconfirmed one or a forged state", async () => {
    const staff = await makePerson("staff", { email: "sam@acme.example" });
    const linked = (await signIn({ sub: "acme-2", email: "sam@acme.example", email_verified: true })) as Response;
    expect(linked.status).toBe(302);
    expect(await findPersonByEmail("sam@acme.example")).toMatchObject({ id: staff.id, role: "staff" });

    expect(answerOf(await signIn({ sub: "acme-3", email: "mallory@acme.example", email_verified: false }))).toMatchObject({ status: 400, body: { problem: "emailUnverified" } });
    expect(await findPersonByEmail("mallory@acme.example")).toBeNull();
    expect(answerOf(await signIn({ sub: "acme-4", email: "eve@acme.example", email_verified: true }, { tamperState: true }))).toMatchObject({ status: 400, body: { problem: "failed" } });
    expect(await findPersonByEmail("eve@acme.example")).toBeNull();
  });

  it("answers 404 for a provider that is not configured", async () => {
    expect(((await call(() => startLoader(args(makeRequest("/auth/oidc/nobody"), { provider: "nobody" })))) as Response).status).toBe(404);
  });

  it("with OIDC_STAFF_ONLY=1, staff cannot sign in with a password; customers still can", async () => {
    const staff = await makePerson("staff");
    const customer = await makePerson();
    const logIn = (email: string) => call(() => loginAction(args(makeRequest("/login", { form: { email, password: PASSWORD } }), {}, { clientAddress: "198.51.100.99" })));
    process.env.OIDC_STAFF_ONLY = "1";
    try {
      expect(answerOf(await logIn(staff.email)).body).toMatchObject({ error: { "": ["errors.account.staffUseProvider"] } });
      expect(((await logIn(customer.email)) as Response).status).toBe(302);
    } finally {
      delete process.env.OIDC_STAFF_ONLY;
    }
    expect(((await logIn(staff.email)) as Response).status).toBe(302);
  });
});
