// Checked by tsc (`npm run typecheck`), not run: each table of db/schema.pg.ts has exactly the
// row types of its twin in db/schema.ts, for reading ($inferSelect) and for writing
// ($inferInsert). That is what lets domain code typed against SQLite's tables run on
// PostgreSQL's (db/tables.ts). A difference fails the type check on the table's line.
import type * as sqlite from "#db/schema";
import type * as pg from "#db/schema.pg";

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Expect<T extends true> = T;
type Same<Table extends keyof typeof pg & keyof typeof sqlite> = Equal<(typeof sqlite)[Table]["$inferSelect"], (typeof pg)[Table]["$inferSelect"]> extends true
  ? Equal<(typeof sqlite)[Table]["$inferInsert"], (typeof pg)[Table]["$inferInsert"]>
  : false;

export type RowTypes = [
  Expect<Same<"site">>,
  Expect<Same<"users">>,
  Expect<Same<"invitations">>,
  Expect<Same<"accountTokens">>,
  Expect<Same<"categories">>,
  Expect<Same<"ideas">>,
  Expect<Same<"votes">>,
  Expect<Same<"comments">>,
  Expect<Same<"ideaEvents">>,
  Expect<Same<"follows">>,
  Expect<Same<"notifications">>,
  Expect<Same<"emailPreferences">>,
  Expect<Same<"emailSchedules">>,
  Expect<Same<"emailOutbox">>,
  Expect<Same<"ideaMerges">>,
  Expect<Same<"reports">>,
  Expect<Same<"auditLog">>,
  Expect<Same<"challenges">>,
  Expect<Same<"challengeWinners">>,
  Expect<Same<"rateLimits">>,
  Expect<Same<"insightsFigures">>,
  Expect<Same<"identities">>,
  Expect<Same<"ssoSecrets">>,
  Expect<Same<"ssoTokenUses">>,
  Expect<Same<"apiKeys">>,
  Expect<Same<"webhooks">>,
  Expect<Same<"webhookDeliveries">>,
  Expect<Same<"uploads">>,
  Expect<Same<"uploadBlobs">>,
  // The exception lucia forces: its SQLite adapter keeps the expiry in seconds, its PostgreSQL
  // adapter as a timestamptz. Only lucia reads or writes it; everything else must match.
  Expect<Equal<Omit<typeof sqlite.sessions.$inferSelect, "expiresAt">, Omit<typeof pg.sessions.$inferSelect, "expiresAt">>>,
  Expect<Equal<Omit<typeof sqlite.sessions.$inferInsert, "expiresAt">, Omit<typeof pg.sessions.$inferInsert, "expiresAt">>>,
  Expect<Equal<typeof sqlite.sessions.$inferSelect.expiresAt, number>>,
  Expect<Equal<typeof pg.sessions.$inferSelect.expiresAt, Date>>,
];

/** Every table is listed above: a new table in both schemas must be added here. */
type Listed = "site" | "users" | "sessions" | "invitations" | "accountTokens" | "categories" | "ideas" | "votes" | "comments" | "ideaEvents" | "follows" | "notifications" | "emailPreferences" | "emailSchedules" | "emailOutbox" | "ideaMerges" | "reports" | "auditLog" | "challenges" | "challengeWinners" | "rateLimits" | "insightsFigures" | "identities" | "ssoSecrets" | "ssoTokenUses" | "apiKeys" | "webhooks" | "webhookDeliveries" | "uploads" | "uploadBlobs";
type TablesOf<S> = { [K in keyof S]: S[K] extends { $inferSelect: unknown } ? K : never }[keyof S];
export type AllListed = [Expect<Equal<TablesOf<typeof sqlite>, Listed>>, Expect<Equal<TablesOf<typeof pg>, Listed>>];
