// The tables domain code queries, on whichever engine this process runs (db/engine.ts).
//
// Their *types* are always SQLite's (db/schema.ts): the domain is written and type-checked once.
// At run time, on PostgreSQL, each name holds the pg table of db/schema.pg.ts instead. That is
// sound because drizzle's query builders take any dialect's table at run time, and the two
// schemas have the same tables, columns and row types (tests/unit/schema-pg.test.ts and
// schema-pg.test-d.ts): a query built against the SQLite type returns, on PostgreSQL, rows of
// exactly that type. Exception: sessions.expiresAt, lucia's (seconds on SQLite, a Date on
// PostgreSQL), which only lucia's adapters touch.
//
// Constants and row types (ROLES, Idea…) come through unchanged from db/schema.ts.
import { databaseEngine } from "./engine";
import * as sqlite from "./schema";
import * as postgres from "./schema.pg";

export * from "./schema";

type TableName = keyof typeof postgres;
const onPostgres = databaseEngine() === "postgres";
const table = <Name extends TableName>(name: Name) =>
  (onPostgres ? postgres[name] : sqlite[name]) as unknown as (typeof sqlite)[Name];

export const site = table("site");
export const users = table("users");
export const sessions = table("sessions");
export const invitations = table("invitations");
export const accountTokens = table("accountTokens");
export const categories = table("categories");
export const ideas = table("ideas");
export const votes = table("votes");
export const comments = table("comments");
export const ideaEvents = table("ideaEvents");
export const follows = table("follows");
export const notifications = table("notifications");
export const emailPreferences = table("emailPreferences");
export const emailSchedules = table("emailSchedules");
export const emailOutbox = table("emailOutbox");
export const ideaMerges = table("ideaMerges");
export const reports = table("reports");
export const auditLog = table("auditLog");
export const challenges = table("challenges");
export const challengeWinners = table("challengeWinners");
export const rateLimits = table("rateLimits");
export const insightsFigures = table("insightsFigures");
export const identities = table("identities");
export const ssoSecrets = table("ssoSecrets");
export const ssoTokenUses = table("ssoTokenUses");
export const apiKeys = table("apiKeys");
export const webhooks = table("webhooks");
export const webhookDeliveries = table("webhookDeliveries");
export const uploads = table("uploads");
export const uploadBlobs = table("uploadBlobs");
