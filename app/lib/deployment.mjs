// What the deployment says about where and how the site is served, read from the environment
// by server.mjs (plain JavaScript: the server imports it before any build exists).

/**
 * Express's "trust proxy" setting from TRUST_PROXY: whom to believe about the client's address
 * (X-Forwarded-For) and protocol (X-Forwarded-Proto). Unset: nobody (the site is reached
 * directly). A number counts the proxies in front of the server; otherwise Express's own words
 * ("loopback", "uniquelocal") or addresses and subnets, comma-separated.
 * @param {NodeJS.ProcessEnv} env
 * @returns {boolean | number | string}
 */
export function trustProxySetting(env = process.env) {
  const value = env.TRUST_PROXY?.trim() ?? "";
  if (value === "" || value === "false") return false;
  if (value === "true") return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}
