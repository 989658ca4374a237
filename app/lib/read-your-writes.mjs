// Read replicas without reading one's own writes late (issue 18, decision 0019). With
// DATABASE_REPLICA_URLS set, the pages' reads go to a standby, which may lag the primary by a
// moment. A person who has just written must not see the page as it was before: the request
// that wrote reads from the primary from then on, and its answer sets a short cookie that sends
// the same browser's next requests to the primary too, for as long as a standby may lag.
//
// Plain JavaScript, shared by server.mjs (which opens a scope per request) and the built app
// (whose database marks a write): the scopes live on globalThis, where both find the same one.
import { AsyncLocalStorage } from "node:async_hooks";
import { servedOverHttps } from "./deployment.mjs";

/** The cookie that sends a browser's reads to the primary, and for how long after a write. */
export const PRIMARY_COOKIE = "tertulia_primary";
export const PRIMARY_SECONDS = 10;

/** @typedef {{ primary: boolean, wrote: boolean }} ReadScope */
const globalForScopes = /** @type {{ __tertuliaReadScopes?: AsyncLocalStorage<ReadScope> }} */ (globalThis);
const scopes = (globalForScopes.__tertuliaReadScopes ??= new AsyncLocalStorage());

/**
 * Express middleware: the request reads from a replica unless its browser wrote in the last
 * PRIMARY_SECONDS (the cookie); once it writes, it reads from the primary and its answer sets
 * the cookie.
 * @param {import("express").Request} request
 * @param {import("express").Response} response
 * @param {import("express").NextFunction} next
 */
export function readYourWrites(request, response, next) {
  const cookies = request.headers.cookie ?? "";
  const scope = { primary: new RegExp(`(?:^|;\\s*)${PRIMARY_COOKIE}=`).test(cookies), wrote: false };
  // Every answer's headers go out through writeHead (Node calls it for implicit headers too):
  // by then the request has done its writes, or those still to come follow a streamed page's
  // start and are the page's own.
  const writeHead = response.writeHead;
  response.writeHead = /** @type {typeof writeHead} */ (
    function (/** @type {Parameters<typeof writeHead>} */ ...args) {
      if (scope.wrote) response.append("Set-Cookie", primaryCookie());
      return writeHead.apply(response, args);
    }
  );
  scopes.run(scope, next);
}

function primaryCookie() {
  return `${PRIMARY_COOKIE}=1; Max-Age=${PRIMARY_SECONDS}; Path=/; HttpOnly; SameSite=Lax${servedOverHttps() ? "; Secure" : ""}`;
}

/**
 * True when this moment's reads must see the primary: outside a request (jobs, scripts), or in a
 * request whose browser wrote a moment ago or that has written itself.
 */
export function readsFromPrimary() {
  const scope = scopes.getStore();
  return !scope || scope.primary || scope.wrote;
}

/** Tells the current request, if any, that it has written: from now on it reads from the primary. */
export function noteWrite() {
  const scope = scopes.getStore();
  if (scope) scope.wrote = true;
}

