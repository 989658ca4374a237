import { isIPv4, isIPv6 } from "node:net";
import { data, type AppLoadContext } from "@remix-run/node";
import { consume, type RateAllowed, type RateLimited, type RateRule } from "~/domain/rate-limits.server";

/**
 * Sites whose people share few addresses (a company network behind one NAT) may raise every
 * per-address limit at once: RATE_LIMIT_MULTIPLIER=4 allows four times as many.
 */
function limitMultiplier(env = process.env) {
  const value = Number(env.RATE_LIMIT_MULTIPLIER);
  return Number.isFinite(value) && value > 0 ? value : 1;
}

const scaled = <Rules extends Record<string, RateRule>>(rules: Rules, multiplier = limitMultiplier()) =>
  Object.fromEntries(Object.entries(rules).map(([bucket, rule]) => [bucket, { ...rule, limit: Math.max(1, Math.round(rule.limit * multiplier)) }])) as {
    [Bucket in keyof Rules]: RateRule;
  };

/**
 * The limits per client address, in one table (docs/security.md lists them). Generous enough
 * that a person never meets them, and that an office behind one address does not either; tight
 * enough that a script cannot flood the server with its dearest requests.
 */
export const RATE_LIMITS = scaled({
  /** Full-text searches of the ideas list (`/?q=`). */
  search: { limit: 60, windowMs: 60_000 },
  /** The similar-ideas hint while a title is typed (`/ideas/similar`). */
  similar: { limit: 120, windowMs: 60_000 },
  /** New accounts (each hashes a password with argon2). */
  signup: { limit: 30, windowMs: 15 * 60_000 },
  /** Every request that changes something (any method but GET, HEAD and OPTIONS). */
  write: { limit: 300, windowMs: 60_000 },
});
export type RateBucket = keyof typeof RATE_LIMITS;

const IPV4_MAPPED = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

/**
 * Who a per-address limit counts: the client's IPv4 address, or the /64 network of an IPv6
 * one (a single subscriber is usually given a whole /64, so counting addresses would count
 * nothing). The address is what server.mjs put in the load context (Express's `req.ip`, which
 * follows X-Forwarded-For only with TRUST_PROXY); "unknown" when there is none.
 */
export function clientAddress(context: AppLoadContext) {
  const address = typeof context.clientAddress === "string" ? context.clientAddress : "";
  const mapped = IPV4_MAPPED.exec(address);
  if (mapped) return mapped[1]!;
  if (isIPv4(address)) return address;
  if (isIPv6(address)) return `${ipv6Groups(address).slice(0, 4).join(":")}::/64`;
  return "unknown";
}

/** The eight groups of an IPv6 address, "::" expanded, without leading zeros. */
function ipv6Groups(address: string) {
  const [head, tail] = address.split("%")[0]!.toLowerCase().split("::") as [string, string | undefined];
  const part = (text: string | undefined) => (text ? text.split(":") : []);
  const groups = tail === undefined ? part(head) : [...part(head), ...Array<string>(8 - part(head).length - part(tail).length).fill("0"), ...part(tail)];
  return groups.map((group) => group.replace(/^0+(?=.)/, ""));
}

/** Counts a hit of `bucket` for the request's client address (or for `subject`, e.g. an account). */
export function consumeRate(args: { context: AppLoadContext }, bucket: RateBucket, subject = clientAddress(args.context)) {
  return consume(`${bucket}:${subject}`, RATE_LIMITS[bucket]);
}

/** Whole seconds until a refused client may try again (Retry-After's unit). */
export function retryAfterSeconds(limited: RateLimited) {
  return Math.ceil(limited.retryAfterMs / 1000);
}

/** The Retry-After header of a 429. */
export function retryAfterHeader(limited: RateLimited) {
  return { "Retry-After": String(retryAfterSeconds(limited)) };
}

/**
 * The message for a form that was refused: an i18n key and a count, like the field errors
 * ("errors.rateLimited.minutes:15"), translated where the form shows it.
 */
export function rateLimitMessage(limited: RateLimited) {
  const seconds = retryAfterSeconds(limited);
  return seconds < 120 ? `errors.rateLimited.seconds:${seconds}` : `errors.rateLimited.minutes:${Math.ceil(seconds / 60)}`;
}

/**
 * 429 Too Many Requests with Retry-After, thrown from a loader or action: the error page says,
 * in the reader's language, how long to wait (its data carries the message).
 */
export function tooManyRequests(limited: RateLimited) {
  return data({ rateLimited: rateLimitMessage(limited) }, { status: 429, statusText: "Too Many Requests", headers: retryAfterHeader(limited) });
}

/** Counts a hit and throws the 429 when the bucket is full: the one line a loader or action needs. */
export async function limitRate(args: { context: AppLoadContext }, bucket: RateBucket, subject?: string): Promise<RateAllowed> {
  const counted = await consumeRate(args, bucket, subject);
  if (!counted.ok) throw tooManyRequests(counted);
  return counted;
}
