import { isIPv4, isIPv6 } from "node:net";
import { data, type AppLoadContext } from "@remix-run/node";
import { check, consume, forget, type RateAllowed, type RateLimited, type RateRule } from "~/domain/rate-limits.server";
import { normalizeEmail } from "~/domain/people.server";

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
  /** Failed sign-ins to one account from one address (counted per "email|address"; a success clears them). */
  signInFailures: { limit: 10, windowMs: 15 * 60_000 },
  /** Failed sign-ins from one address to any accounts (someone trying many accounts). */
  signInFailuresPerAddress: { limit: 50, windowMs: 15 * 60_000 },
  /** Requests that email an account's link (forgotten password, confirmation again), per address. */
  accountEmails: { limit: 10, windowMs: 15 * 60_000 },
  /** The same, per email address asked about, whoever asks: nobody's inbox is flooded. */
  accountEmailsPerAccount: { limit: 5, windowMs: 60 * 60_000 },
  /** Sign-ins with the company's signed token (`/sso`), good or bad. */
  sso: { limit: 60, windowMs: 15 * 60_000 },
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

/** The first of `limits` that is refused, else the last answer (every one is counted). */
async function firstRefusal(limits: Promise<RateAllowed | RateLimited>[]) {
  const answers = await Promise.all(limits);
  return answers.find((answer): answer is RateLimited => !answer.ok) ?? null;
}

/**
 * Sign-in throttling: only failures count, per account and address and per address; a success
 * clears the account's. `refusal` is non-null when the next try must be refused (before the
 * password is even checked); call `failed()` after a wrong password, `succeeded()` after a right one.
 */
export async function signInThrottle(args: { context: AppLoadContext }, email: string) {
  const address = clientAddress(args.context);
  const keys = [
    ["signInFailures", `signInFailures:${normalizeEmail(email)}|${address}`],
    ["signInFailuresPerAddress", `signInFailuresPerAddress:${address}`],
  ] as const;
  const refusal = await firstRefusal(keys.map(([bucket, key]) => check(key, RATE_LIMITS[bucket])));
  return {
    refusal,
    failed: async () => {
      await Promise.all(keys.map(([bucket, key]) => consume(key, RATE_LIMITS[bucket])));
    },
    succeeded: () => forget(keys[0][1]),
  };
}

/**
 * Counts a request that emails a link to `email` (a reset, a confirmation again), per client
 * address and per address asked about; the refusal when either is full. Counted whether or not
 * the address has an account, so a refusal says nothing about who has one.
 */
export function limitAccountEmails(args: { context: AppLoadContext }, email: string) {
  return firstRefusal([consumeRate(args, "accountEmails"), consumeRate(args, "accountEmailsPerAccount", normalizeEmail(email))]);
}

/**
 * Counts a sign-up: per client address (each hashes a password), then per address signed up
 * with, as every sign-up emails it, whether or not it has an account.
 */
export async function limitSignUp(args: { context: AppLoadContext }, email: string) {
  const counted = await consumeRate(args, "signup");
  if (!counted.ok) return counted;
  const perAccount = await consumeRate(args, "accountEmailsPerAccount", normalizeEmail(email));
  return perAccount.ok ? null : perAccount;
}
