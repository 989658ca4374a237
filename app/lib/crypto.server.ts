import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { DEVELOPMENT_SESSION_SECRET } from "~/lib/deployment.mjs";

/** A random, URL-safe token with 160 bits of entropy. */
export function generateToken() {
  return randomBytes(20).toString("base64url");
}

/** What we store in place of a token: its SHA-256, hex. */
export function hashToken(token: string) {
  return createHash("sha256").update(token).digest("hex");
}

/** A short random id for people, safe in URLs (/people/:id). */
export function generateId() {
  return randomBytes(9).toString("base64url").replace(/[-_]/g, "0");
}

function secret() {
  // A production server does not start without a real one (productionProblems, server.mjs).
  return process.env.SESSION_SECRET || DEVELOPMENT_SESSION_SECRET;
}

/** A value and its HMAC, for links that must work without logging in (unsubscribe). */
export function signValue(value: string) {
  return `${Buffer.from(value).toString("base64url")}.${createHmac("sha256", secret()).update(value).digest("base64url")}`;
}

/** The value inside a signed token, or null if the token was made up or altered. */
export function readSignedValue(token: string) {
  const [encoded, signature] = token.split(".");
  if (!encoded || !signature) return null;
  const value = Buffer.from(encoded, "base64url").toString();
  const expected = Buffer.from(createHmac("sha256", secret()).update(value).digest("base64url"));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given) ? value : null;
}
