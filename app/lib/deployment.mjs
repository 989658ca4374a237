// What the deployment says about where and how the site is served, read from the environment
// by server.mjs (plain JavaScript: the server imports it before any build exists).

/**
 * Express's "trust proxy" setting from TRUST_PROXY: whom to believe about the client's address
 * (X-Forwarded-For) and protocol (X-Forwarded-Proto). Unset: nobody (the site is reached
 * directly). A number counts the proxies in front of the server; otherwise Express's own words
 * ("loopback", "uniquelocal") or addresses and subnets, comma-separated.
 * @param {Record<string, string | undefined>} env
 * @returns {boolean | number | string}
 */
export function trustProxySetting(env = process.env) {
  const value = env.TRUST_PROXY?.trim() ?? "";
  if (value === "" || value === "false") return false;
  if (value === "true") return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}

/**
 * The site's public address (APP_URL): links in emails, the one origin that may post to it,
 * whether cookies are Secure. Unset, this machine's port (development).
 * @param {Record<string, string | undefined>} env
 */
export function siteUrl(env = process.env) {
  return new URL(env.APP_URL || `http://localhost:${env.PORT ?? 3000}`);
}

/**
 * True when the site is served over HTTPS: cookies are then Secure, and HSTS is sent.
 * @param {Record<string, string | undefined>} env
 */
export function servedOverHttps(env = process.env) {
  return siteUrl(env).protocol === "https:";
}

/** The value crypto.server.ts signs with when SESSION_SECRET is unset (development and tests only). */
export const DEVELOPMENT_SESSION_SECRET = "tertulia-development-secret";
const MIN_SECRET_LENGTH = 32;

/**
 * What stops a production server from starting, in words for whoever starts it; empty when
 * nothing does. SESSION_SECRET signs links that act without a session (unsubscribe): with a
 * known value anyone could forge them.
 * @param {Record<string, string | undefined>} env
 * @returns {string[]}
 */
export function productionProblems(env = process.env) {
  const problems = [];
  const secret = env.SESSION_SECRET ?? "";
  if (!secret || secret === DEVELOPMENT_SESSION_SECRET) {
    problems.push("SESSION_SECRET is not set. Set it to a long random value, e.g. the output of `openssl rand -base64 48`.");
  } else if (secret.length < MIN_SECRET_LENGTH) {
    problems.push(`SESSION_SECRET is too short (${secret.length} characters): use at least ${MIN_SECRET_LENGTH}, e.g. the output of \`openssl rand -base64 48\`.`);
  }
  try {
    siteUrl(env);
  } catch {
    problems.push(`APP_URL is not an address (${JSON.stringify(env.APP_URL)}): write it in full, e.g. https://ideas.example.com.`);
  }
  return problems;
}
