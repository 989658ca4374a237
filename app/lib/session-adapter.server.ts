import { DrizzlePostgreSQLAdapter, DrizzleSQLiteAdapter } from "@lucia-auth/adapter-drizzle";
import { eq, sql } from "drizzle-orm";
import type { PgDatabase } from "drizzle-orm/pg-core";
import type { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import type { Adapter, DatabaseSession, DatabaseUser } from "lucia";
// The one module that takes tables from the schemas themselves rather than #db/tables: lucia's
// two adapters want their own dialect's tables, and sessions.expires_at differs between them
// (seconds on SQLite, a timestamptz on PostgreSQL; decision 0007).
import * as sqlite from "#db/schema";
import * as postgres from "#db/schema.pg";
import { db, engine, transaction, type Db } from "~/lib/db.server";
import { preparedQuery } from "~/lib/prepared-query.server";

type SqliteAdapterDatabase = BaseSQLiteDatabase<"sync", unknown>;
type PostgresAdapterDatabase = PgDatabase<never, Record<string, never>>;

/** Lucia's drizzle adapter for this process's engine, on this database or transaction. */
function adapterOn(database: Db): Adapter {
  if (engine === "postgres") return new DrizzlePostgreSQLAdapter(database as unknown as PostgresAdapterDatabase, postgres.sessions, postgres.users);
  return new DrizzleSQLiteAdapter(database as unknown as SqliteAdapterDatabase, sqlite.sessions, sqlite.users);
}

/**
 * Lucia's drizzle adapter, split the way the app's own code is: it reads sessions through `db`
 * and makes each write (a new session, a renewal, a log-out) in a `transaction()`, so session
 * writes queue with everything else on SQLite and run SERIALIZABLE on PostgreSQL.
 */
class SessionAdapter implements Adapter {
  private reader = adapterOn(db);
  // On SQLite, the read of every signed-in request in one statement prepared once (the
  // adapter's two queries, built and prepared each time, cost ~0.3 ms). On PostgreSQL the
  // adapter's reads follow the request to a standby or the primary (read-your-writes.mjs), which
  // a statement bound at start-up would not.
  private readSessionAndUser =
    engine === "sqlite"
      ? preparedQuery(
          "session_and_user",
          db
            .select({ session: sqlite.sessions, user: sqlite.users })
            .from(sqlite.sessions)
            .innerJoin(sqlite.users, eq(sqlite.users.id, sqlite.sessions.userId))
            .where(eq(sqlite.sessions.id, sql.placeholder("id"))),
        )
      : null;

  private write(change: (adapter: Adapter) => Promise<void>) {
    return transaction((tx) => change(adapterOn(tx)));
  }

  async getSessionAndUser(sessionId: string): Promise<[session: DatabaseSession | null, user: DatabaseUser | null]> {
    if (!this.readSessionAndUser) return this.reader.getSessionAndUser(sessionId);
    const [row] = await this.readSessionAndUser({ id: sessionId });
    if (!row) return [null, null];
    // As the adapter hands them over: the ids apart, every other column an attribute, the expiry (seconds) a Date.
    const { id, userId, expiresAt, ...sessionAttributes } = row.session;
    const { id: personId, ...userAttributes } = row.user;
    return [
      { id, userId, expiresAt: new Date(expiresAt * 1000), attributes: sessionAttributes },
      { id: personId, attributes: userAttributes },
    ];
  }

  getUserSessions(userId: string): Promise<DatabaseSession[]> {
    return this.reader.getUserSessions(userId);
  }

  setSession(session: DatabaseSession) {
    return this.write((adapter) => adapter.setSession(session));
  }

  updateSessionExpiration(sessionId: string, expiresAt: Date) {
    return this.write((adapter) => adapter.updateSessionExpiration(sessionId, expiresAt));
  }

  deleteSession(sessionId: string) {
    return this.write((adapter) => adapter.deleteSession(sessionId));
  }

  deleteUserSessions(userId: string) {
    return this.write((adapter) => adapter.deleteUserSessions(userId));
  }

  deleteExpiredSessions() {
    return this.write((adapter) => adapter.deleteExpiredSessions());
  }
}

export const sessionAdapter: Adapter = new SessionAdapter();
