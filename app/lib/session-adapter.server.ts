import { DrizzleSQLiteAdapter } from "@lucia-auth/adapter-drizzle";
import type { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import type { Adapter, DatabaseSession, DatabaseUser } from "lucia";
import { sessions, users } from "#db/schema";
import { db, transaction, type Db } from "~/lib/db.server";

type AdapterDatabase = BaseSQLiteDatabase<"sync", unknown>;
const adapterOn = (database: Db) => new DrizzleSQLiteAdapter(database as unknown as AdapterDatabase, sessions, users);

/**
 * Lucia's drizzle adapter, split the way the app's own code is: it reads sessions on the
 * read-only connection and makes each write (a new session, a renewal, a log-out) in a
 * `transaction()` on the writer, so session writes queue with everything else.
 */
class SessionAdapter implements Adapter {
  private reader = adapterOn(db);

  private write(change: (adapter: DrizzleSQLiteAdapter) => Promise<void>) {
    return transaction((tx) => change(adapterOn(tx)));
  }

  getSessionAndUser(sessionId: string): Promise<[session: DatabaseSession | null, user: DatabaseUser | null]> {
    return this.reader.getSessionAndUser(sessionId);
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
