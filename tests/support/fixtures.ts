import { site, type Role } from "#db/tables";
import { insertPerson } from "~/domain/people.server";
import { getSite } from "~/domain/site.server";
import { now } from "~/lib/clock.server";
import { generateId } from "~/lib/crypto.server";
import { transaction, type Tx } from "~/lib/db.server";
import { startSession } from "~/web/session.server";

export const BASE_URL = "http://tertulia.test";
export const PASSWORD = "correct horse battery";
/**
 * The argon2id hash of PASSWORD with the app's parameters, computed once and written here:
 * people made for tests get it instead of hashing (about 50 ms of CPU each). Logging in with
 * PASSWORD works (tests of login and verifyCredentials prove the hash matches); tests of
 * hashing itself use createPerson.
 */
export const PASSWORD_HASH = "$argon2id$v=19$m=19456,t=2,p=1$svB4MQp/6oTl0y3dS4bhVw$rMmRWAaP2o41E723Yecge9dQnNrj8rHRcfrTH+KNq/Q";

let counter = 0;

async function insertTestPerson(tx: Tx, person: { email: string; displayName: string; role: Role; verified?: boolean }) {
  const inserted = await insertPerson(tx, {
    id: generateId(),
    email: person.email.toLowerCase(),
    // Confirmed unless a test says otherwise: most tests are about what confirmed people do.
    emailVerifiedAt: person.verified === false ? null : now(),
    displayName: person.displayName,
    passwordHash: PASSWORD_HASH,
    role: person.role,
    locale: null,
    jobTitle: null,
    bio: null,
    company: null,
  });
  if (!inserted.ok) throw new Error(`Test person ${person.email}: ${inserted.reason}`);
  return inserted.value;
}

/** The site and its first admin, created once per test file's database. */
export async function ensureSite() {
  if (await getSite()) return;
  await transaction(async (tx) => {
    await tx.insert(site).values({ id: 1, name: "Test portal", defaultLocale: "en", replyPromiseDays: 3 });
    await insertTestPerson(tx, { email: "first-admin@example.com", displayName: "First Admin", role: "admin" });
  });
}

/** A person who can log in with PASSWORD, their address confirmed unless `verified: false`. */
export async function makePerson(role: Role = "customer", overrides: { email?: string; displayName?: string; verified?: boolean } = {}) {
  counter += 1;
  const email = overrides.email ?? `person${counter}-${Date.now()}@example.com`;
  return transaction((tx) => insertTestPerson(tx, { email, displayName: overrides.displayName ?? `Person ${counter}`, role, verified: overrides.verified }));
}

/** What `data(value, init)` returns to a test that calls the loader or action itself. */
export type DataResult<T> = { data: T; init: { status: number; headers?: Record<string, string> } | null };

/** A person of this role, and the Cookie header of a session of theirs. */
export async function signedIn(role: Role = "customer") {
  const person = await makePerson(role);
  return { person, cookie: await sessionCookieFor(person.id) };
}

/** The Cookie header of a signed-in session for this person. */
export async function sessionCookieFor(personId: string) {
  const setCookie = await startSession(personId);
  return setCookie.split(";")[0]!;
}

/** A request as a browser on this site would send it. */
export function makeRequest(
  path: string,
  options: { method?: string; cookie?: string; form?: Record<string, string>; headers?: Record<string, string> } = {},
) {
  const headers = new Headers(options.headers);
  if (options.cookie) headers.set("Cookie", options.cookie);
  const method = options.method ?? (options.form ? "POST" : "GET");
  if (method !== "GET") headers.set("Origin", BASE_URL);
  return new Request(BASE_URL + path, {
    method,
    headers,
    body: options.form ? new URLSearchParams(options.form) : undefined,
  });
}

/** A form with files (multipart/form-data), as a browser sends it from a form with a file input. */
export function makeMultipartRequest(
  path: string,
  options: { cookie?: string; fields?: Record<string, string>; files?: Record<string, { bytes: Buffer; filename: string; type: string }> },
) {
  const form = new FormData();
  for (const [name, value] of Object.entries(options.fields ?? {})) form.append(name, value);
  for (const [name, file] of Object.entries(options.files ?? {})) form.append(name, new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.filename);
  const headers = new Headers({ Origin: BASE_URL });
  if (options.cookie) headers.set("Cookie", options.cookie);
  return new Request(BASE_URL + path, { method: "POST", headers, body: form });
}

/**
 * Runs a loader or action and returns what it returned or threw: redirects and errors are
 * Responses, or `data()` results when they carry data (a blocked person's reason).
 */
export async function call<T>(fn: () => T | Promise<T>): Promise<T | Response> {
  try {
    return await fn();
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    if (thrown && typeof thrown === "object" && (thrown as { type?: string }).type === "DataWithResponseInit") return thrown as T;
    throw thrown;
  }
}

/** A loader's or action's arguments; `context` is what server.mjs gives (the client's address…). */
export function args(request: Request, params: Record<string, string> = {}, context: Record<string, unknown> = {}) {
  return { request, params, context };
}

/** What a loader or action answered: a plain value (status 200), `data(value, { status })`, or a Response. */
export function answerOf(result: unknown): { status: number; body: unknown } {
  if (result instanceof Response) return { status: result.status, body: null };
  if (result && typeof result === "object" && (result as { type?: string }).type === "DataWithResponseInit") {
    const wrapped = result as { data: unknown; init: { status?: number } | null };
    return { status: wrapped.init?.status ?? 200, body: wrapped.data };
  }
  return { status: 200, body: result };
}

/** The value of a domain result that must have been accepted (set-up steps). */
export function accepted<T>(result: { ok: true; value: T } | { ok: false; reason: string }): T {
  if (!result.ok) throw new Error(`Refused: ${result.reason}`);
  return result.value;
}
