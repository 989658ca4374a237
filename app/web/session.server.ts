import type { AppLoadContext } from "@remix-run/node";
import { Lucia, TimeSpan } from "lucia";
import type { Locale, Role, Theme } from "#db/schema";
import { isSeenLongAgo, markSessionSeen } from "~/domain/sessions.server";
import { now as clockNow } from "~/lib/clock.server";
import { generateToken, hashToken } from "~/lib/crypto.server";
import { servedOverHttps } from "~/lib/deployment.mjs";
import { sessionAdapter } from "~/lib/session-adapter.server";
import { clientAddress } from "~/web/throttle.server";

export const lucia = new Lucia(sessionAdapter, {
  // Lucia extends a session that is past half its life (`session.fresh`): sliding renewal.
  sessionExpiresIn: new TimeSpan(30, "d"),
  sessionCookie: {
    name: "tertulia_session",
    // Secure when the site is served over HTTPS (APP_URL), whatever NODE_ENV says.
    attributes: { secure: servedOverHttps(), sameSite: "lax" },
  },
  // The drizzle adapter hands over the row with the schema's (camelCase) field names.
  getUserAttributes: (attributes) => ({
    email: attributes.email,
    emailVerified: attributes.emailVerifiedAt !== null,
    displayName: attributes.displayName,
    role: attributes.role,
    locale: attributes.locale,
    theme: attributes.theme,
    jobTitle: attributes.jobTitle,
    blockedReason: attributes.blockedAt ? (attributes.blockedReason ?? "") : null,
    photoId: attributes.photoId,
    lastSeenAt: attributes.lastSeenAt,
  }),
  getSessionAttributes: (attributes) => ({ lastSeenAt: attributes.lastSeenAt }),
});

declare module "lucia" {
  interface Register {
    Lucia: typeof lucia;
    DatabaseUserAttributes: {
      email: string;
      emailVerifiedAt: Date | null;
      displayName: string;
      role: Role;
      locale: Locale | null;
      theme: Theme | null;
      jobTitle: string | null;
      blockedAt: Date | null;
      blockedReason: string | null;
      photoId: string | null;
      lastSeenAt: Date | null;
    };
    DatabaseSessionAttributes: {
      createdAt: Date | null;
      lastSeenAt: Date | null;
      userAgent: string | null;
      ipAddress: string | null;
    };
  }
}

export type SessionUser = NonNullable<Awaited<ReturnType<typeof lucia.validateSession>>["user"]>;

/**
 * Starts a new session and returns its Set-Cookie header (`from`: the request that signs in,
 * whose browser and address the person's list of sessions shows). The cookie carries a random token;
 * the database keeps only its SHA-256 as the session id, so a leaked database holds no
 * usable session.
 */
export async function startSession(userId: string, from?: { request: Request; context: AppLoadContext }) {
  const token = generateToken();
  const now = clockNow();
  // Kept so that the person can recognise their sessions in /settings/account.
  const device = { userAgent: from?.request.headers.get("User-Agent")?.slice(0, 400) ?? null, ipAddress: from ? clientAddress(from.context) : null };
  const session = await lucia.createSession(userId, { createdAt: now, lastSeenAt: now, ...device }, { sessionId: hashToken(token) });
  // Signing in is using the site: the person's last use (the people directory's) moves too.
  await markSessionSeen(session, now);
  return lucia.createSessionCookie(token).serialize();
}

export async function endSession(request: Request) {
  const token = sessionToken(request);
  if (token) await lucia.invalidateSession(hashToken(token));
  return lucia.createBlankSessionCookie().serialize();
}

/** Ends every session of a person: after a password or role change. */
export function endAllSessions(userId: string) {
  return lucia.invalidateUserSessions(userId);
}

type SessionLookup = { user: SessionUser | null; sessionId: string | null; setCookie: string | null };
const lookups = new WeakMap<Request, Promise<SessionLookup>>();

/** The session token in the Cookie header; a header that does not parse (bad percent-encoding) holds none. */
function sessionToken(request: Request) {
  try {
    return lucia.readSessionCookie(request.headers.get("Cookie") ?? "");
  } catch {
    return null;
  }
}

async function lookUpSession(request: Request): Promise<SessionLookup> {
  const token = sessionToken(request);
  if (!token) return { user: null, sessionId: null, setCookie: null };
  const { user, session } = await lucia.validateSession(hashToken(token));
  if (!session) return { user: null, sessionId: null, setCookie: lucia.createBlankSessionCookie().serialize() };
  // The person's last use (the people directory's) goes with their session's.
  if (isSeenLongAgo(session.lastSeenAt) || isSeenLongAgo(user.lastSeenAt)) await markSessionSeen(session);
  // A renewed session keeps its token; only the cookie's expiry moves.
  return { user, sessionId: session.id, setCookie: session.fresh ? lucia.createSessionCookie(token).serialize() : null };
}

/** The signed-in person for this request (looked up once per request), and any cookie to set. */
export function getSession(request: Request) {
  let lookup = lookups.get(request);
  if (!lookup) {
    lookup = lookUpSession(request);
    lookups.set(request, lookup);
  }
  return lookup;
}

export async function getOptionalUser(request: Request) {
  return (await getSession(request)).user;
}

/** The id of this request's session (to tell it apart in the person's list), or null. */
export async function currentSessionId(request: Request) {
  return (await getSession(request)).sessionId;
}
