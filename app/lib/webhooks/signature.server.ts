import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** The header that carries a delivery's signature: `t=<unix seconds>,v1=<hex HMAC-SHA256>`. */
export const SIGNATURE_HEADER = "Tertulia-Signature";
/** How old a signed delivery a receiver should accept (docs/api.md's example uses it). */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** A new webhook's secret: shown once to the admin, kept to sign deliveries. */
export function generateWebhookSecret() {
  return `whsec_${randomBytes(24).toString("base64url")}`;
}

function hmac(secret: string, timestamp: number, body: string) {
  return createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
}

/**
 * The signature of a body sent at `timestamp`: the HMAC covers the timestamp and the body
 * together, so a receiver that checks the timestamp is recent refuses a replayed delivery.
 */
export function signPayload(secret: string, body: string, timestamp: number) {
  return `t=${timestamp},v1=${hmac(secret, timestamp, body)}`;
}

/** What a receiver does (and what the tests do): true when the header signs this body and is recent. */
export function verifySignature(secret: string, body: string, header: string, nowSeconds: number, toleranceSeconds = SIGNATURE_TOLERANCE_SECONDS) {
  const parts = Object.fromEntries(header.split(",").map((part) => part.split("=", 2) as [string, string]));
  const timestamp = Number(parts.t);
  if (!Number.isInteger(timestamp) || !parts.v1 || Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(hmac(secret, timestamp, body));
  const given = Buffer.from(parts.v1);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
