/**
 * What a domain function answers when a rule says no: a value, not an exception. Exceptions are
 * for bugs and broken infrastructure; a refusal (notFound, budgetSpent, emailTaken…) is an
 * ordinary outcome the caller maps to a field error, a 4xx response or a redirect.
 * `transaction()` rolls back when its function returns a refusal.
 */
export type Ok<T> = { ok: true; value: T };
export type Refused<R extends string> = { ok: false; reason: R };
export type Result<T, R extends string> = Ok<T> | Refused<R>;

export function ok(): Ok<undefined>;
export function ok<T>(value: T): Ok<T>;
export function ok<T>(value?: T) {
  return { ok: true, value };
}

export function refused<R extends string>(reason: R): Refused<R> {
  return { ok: false, reason };
}

/** True for a refusal, whatever function made it. */
export function isRefusal(value: unknown): value is Refused<string> {
  return typeof value === "object" && value !== null && (value as { ok?: unknown }).ok === false && typeof (value as { reason?: unknown }).reason === "string";
}
