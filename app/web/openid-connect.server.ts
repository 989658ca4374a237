import * as client from "openid-client";
import { appUrl } from "~/lib/app-url.server";
import { now } from "~/lib/clock.server";
import { readSignedValue, signValue } from "~/lib/crypto.server";
import type { OpenIdClaims } from "~/domain/openid-identities.server";

/**
 * The company's OpenID Connect providers, from OIDC_PROVIDERS (a JSON array of
 * `{ "id", "label", "issuer", "clientId", "clientSecret" }`; docs/openid-connect.md). Read once.
 */
export type OpenIdProvider = { id: string; label: string; issuer: string; clientId: string; clientSecret: string };

let configured: { raw: string; providers: OpenIdProvider[] } | null = null;

export function openIdProviders(env = process.env): OpenIdProvider[] {
  const raw = env.OIDC_PROVIDERS ?? "[]";
  if (configured?.raw === raw) return configured.providers;
  let parsed: unknown = [];
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new Error("OIDC_PROVIDERS is not valid JSON (docs/openid-connect.md)");
  }
  const providers = (Array.isArray(parsed) ? parsed : []).map((entry: Record<string, unknown>) => {
    const field = (name: string) => {
      const value = entry[name];
      if (typeof value !== "string" || value === "") throw new Error(`OIDC_PROVIDERS: every provider needs "${name}" (docs/openid-connect.md)`);
      return value;
    };
    const id = field("id");
    if (!/^[a-z0-9-]{1,40}$/.test(id)) throw new Error(`OIDC_PROVIDERS: the id "${id}" must be lower-case letters, digits and dashes`);
    return { id, label: field("label"), issuer: field("issuer"), clientId: field("clientId"), clientSecret: field("clientSecret") };
  });
  configured = { raw, providers };
  return providers;
}

/** With OIDC_STAFF_ONLY=1, staff sign in only through a provider, never with a password. */
export function staffSignInOnlyThroughProvider(env = process.env) {
  return env.OIDC_STAFF_ONLY === "1" && openIdProviders(env).length > 0;
}

export function findProvider(id: string | undefined) {
  return openIdProviders().find((provider) => provider.id === id) ?? null;
}

// Discovery documents, fetched once per provider and process.
const discovered = new Map<string, Promise<client.Configuration>>();

function configurationOf(provider: OpenIdProvider) {
  let found = discovered.get(provider.id);
  if (!found) {
    const issuer = new URL(provider.issuer);
    // Plain HTTP only for a provider on this machine (a local test provider), never across a network.
    const local = issuer.protocol === "http:" && ["localhost", "127.0.0.1", "[::1]"].includes(issuer.hostname);
    found = client.discovery(issuer, provider.clientId, provider.clientSecret, undefined, local ? { execute: [client.allowInsecureRequests] } : undefined);
    found.catch(() => discovered.delete(provider.id));
    discovered.set(provider.id, found);
  }
  return found;
}

const callbackUrl = (provider: OpenIdProvider) => appUrl(`/auth/oidc/${provider.id}/callback`);
const FLOW_COOKIE = "tertulia_oidc";
const FLOW_LIFETIME_S = 10 * 60;

type Flow = { provider: string; state: string; nonce: string; verifier: string; redirectTo: string; expires: number };

/**
 * Where to send the browser to sign in at the provider (authorization code flow with PKCE,
 * state and nonce), and the cookie that remembers the flow's secrets until it comes back.
 */
export async function startOpenIdSignIn(provider: OpenIdProvider, redirectTo: string) {
  const config = await configurationOf(provider);
  const verifier = client.randomPKCECodeVerifier();
  const flow: Flow = { provider: provider.id, state: client.randomState(), nonce: client.randomNonce(), verifier, redirectTo, expires: now().getTime() + FLOW_LIFETIME_S * 1000 };
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: callbackUrl(provider),
    scope: "openid email profile",
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state: flow.state,
    nonce: flow.nonce,
  });
  const secure = appUrl().startsWith("https:") ? "; Secure" : "";
  const cookie = `${FLOW_COOKIE}=${signValue(JSON.stringify(flow))}; Path=/auth/oidc; HttpOnly; SameSite=Lax; Max-Age=${FLOW_LIFETIME_S}${secure}`;
  return { url: url.href, cookie };
}

function flowFrom(request: Request, provider: OpenIdProvider): Flow | null {
  const raw = (request.headers.get("Cookie") ?? "")
    .split(/;\s*/)
    .find((part) => part.startsWith(`${FLOW_COOKIE}=`))
    ?.slice(FLOW_COOKIE.length + 1);
  const value = raw ? readSignedValue(raw) : null;
  if (!value) return null;
  try {
    const flow = JSON.parse(value) as Flow;
    return flow.provider === provider.id && flow.expires > now().getTime() ? flow : null;
  } catch {
    return null;
  }
}

/** The cookie that forgets the flow once it came back. */
export const endedFlowCookie = () => `${FLOW_COOKIE}=; Path=/auth/oidc; HttpOnly; SameSite=Lax; Max-Age=0`;

/**
 * The provider sent the browser back: exchanges the code (checking state, nonce and PKCE, and
 * the ID token's signature, issuer, audience and expiry, all by openid-client) and returns who
 * the provider says this is, or null when anything does not hold.
 */
export async function finishOpenIdSignIn(request: Request, provider: OpenIdProvider): Promise<{ claims: OpenIdClaims; redirectTo: string } | null> {
  const flow = flowFrom(request, provider);
  if (!flow) return null;
  try {
    const config = await configurationOf(provider);
    // The URL the provider sent the browser to, as the provider knows it (APP_URL's host).
    const current = new URL(callbackUrl(provider));
    current.search = new URL(request.url).search;
    const tokens = await client.authorizationCodeGrant(config, current, { pkceCodeVerifier: flow.verifier, expectedState: flow.state, expectedNonce: flow.nonce, idTokenExpected: true });
    const claims = tokens.claims();
    if (!claims) return null;
    return {
      claims: {
        provider: provider.id,
        subject: claims.sub,
        email: typeof claims.email === "string" ? claims.email : null,
        emailVerified: claims.email_verified === true,
        name: typeof claims.name === "string" ? claims.name : null,
      },
      redirectTo: flow.redirectTo,
    };
  } catch {
    return null;
  }
}
