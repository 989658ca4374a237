import type { Role } from "#db/schema";
import { createPerson } from "~/domain/people.server";
import { getSite, setUpSite } from "~/domain/site.server";
import { startSession } from "~/lib/auth.server";

export const BASE_URL = "http://tertulia.test";
export const PASSWORD = "correct horse battery";

let counter = 0;

/** The site, created once per test file's database. */
export async function ensureSite() {
  if (!getSite()) {
    await setUpSite({
      siteName: "Test portal",
      defaultLocale: "en",
      replyPromiseDays: 3,
      admin: { email: "first-admin@example.com", displayName: "First Admin", password: PASSWORD },
    });
  }
}

export async function makePerson(role: Role = "customer", overrides: { email?: string; displayName?: string } = {}) {
  counter += 1;
  return createPerson({
    email: overrides.email ?? `person${counter}-${Date.now()}@example.com`,
    displayName: overrides.displayName ?? `Person ${counter}`,
    password: PASSWORD,
    role,
  });
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

export function args(request: Request, params: Record<string, string> = {}) {
  return { request, params, context: {} };
}
