import { createHash, randomBytes } from "node:crypto";

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
