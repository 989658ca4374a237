import { AsyncLocalStorage } from "node:async_hooks";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import { withReplicas } from "drizzle-orm/pg-core";
import pg from "pg";
import * as schema from "#db/schema.pg";
import { noteWrite, readsFromPrimary } from "~/lib/read-your-writes.mjs";
import { isRefusal } from "~/lib/result";

/**
 * Tertulia on PostgreSQL: a connection pool, the schema brought up to date once however many
 * servers start at the same time, and `transaction(fn)` with the same contract as SQLite's
 * (reentrant through savepoints, a returned refusal rolls back). Every transaction runs
 * SERIALIZABLE and is retried on a serialization failure or a deadlock, so domain code written
 * for SQLite's one-writer-at-a-time stays exact with many servers writing at once:
 * docs/decisions/0008-postgresql-transactions.md.
 */
export type PgDatabase = NodePgDatabase<typeof schema>;
export type PgTransaction = Parameters<Parameters<PgDatabase["transaction"]>[0]>[0];

export type PostgresOptions = {
  /** Connections per server (DATABASE_POOL_SIZE, default 10). */
  poolSize?: number;
  /** Tries of one transaction before its serialization failure reaches the caller. */
  maxAttempts?: number;
  /** Told of every retry: for logs and tests. */
  onRetry?: (error: unknown, attempt: number) => void;
  /**
   * Standbys that take the reads of requests that have not written lately (DATABASE_REPLICA_URLS;
   * app/lib/read-your-writes.mjs says which do). Transactions, and reads outside a request, use the primary.
   */
  replicaUrls?: readonly string[];
};

export type TransactionOptions = {
  /**
   * Rows this transaction is known to fight over when traffic bunches up, as keys (`idea:42`,
   * `person:ana`). Transactions that share a key wait in line for it before they begin, instead
   * of colliding and retrying: a burst of votes on one idea costs no retries. A hint for speed
   * only: correctness never depends on it (SERIALIZABLE sees to that), so a forgotten key costs
   * retries, not data. Ignored by nested calls (their transaction has begun) and by SQLite,
   * whose writers already take turns.
   */
  queueOn?: readonly string[];
};

export type Postgres = {
  pool: pg.Pool;
  /**
   * Reads (read-only); inside `transaction(fn)` it is that transaction, as on SQLite. With
   * replicas, a request's reads go to one of them until that request or browser writes.
   */
  db: PgDatabase;
  transaction<T>(fn: (tx: PgTransaction) => Promise<T>, options?: TransactionOptions): Promise<T>;
  exclusively<T>(key: string, fn: () => Promise<T>): Promise<Exclusive<T>>;
  isHealthy(): Promise<boolean>;
  close(): Promise<void>;
};

/** What `exclusively(key, fn)` did: ran `fn`, or left it because another holder had the key. */
export type Exclusive<T> = { ran: true; value: T } | { ran: false };

/** Any number shared by every server of this app: the key of the migration lock. */
const MIGRATION_LOCK_KEY = 7_361_042_018;
const RETRYABLE = new Set(["40001", "40P01"]); // serialization_failure, deadlock_detected

export const POSTGRES_MIGRATIONS = path.resolve(process.env.PG_MIGRATIONS_PATH ?? "db/migrations-pg");

/** Opens the pool, applies pending migrations (once, under an advisory lock) and returns the database. */
export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<Postgres> {
  const pool = openPool(url, options);
  // The keys of `exclusively`: one connection of their own, never closed for being idle (a
  // session's advisory locks end with it).
  const lockPool = openPool(url, { poolSize: 1 }, { idleTimeoutMillis: 0 });
  const replicaPools = (options.replicaUrls ?? []).map((replicaUrl) => openPool(replicaUrl, options));
  try {
    await migratePostgres(pool);
  } catch (error) {
    await Promise.all([pool, lockPool, ...replicaPools].map((each) => each.end()));
    throw error;
  }
  return postgresOnPool(pool, lockPool, options, replicaPools);
}

function openPool(url: string, options: PostgresOptions, poolOptions: pg.PoolConfig = {}) {
  const pool = new pg.Pool({
    ...poolOptions,
    connectionString: url,
    max: options.poolSize ?? Number(process.env.DATABASE_POOL_SIZE ?? 10),
    // Read-only unless a transaction says otherwise (`transaction(fn)` begins READ WRITE): as on
    // SQLite, a write through `db` that bypasses `transaction()` fails loudly instead of
    // escaping the serializable transactions the domain's rules rely on.
    options: "-c default_transaction_read_only=on",
  });
  // An idle connection that the server drops (restart, failover) must not crash the process:
  // the pool discards it and opens another on the next query. (Once the pool is closing,
  // the server's goodbye to connections still shutting down is expected, not news.)
  pool.on("error", (error) => {
    if (!pool.ending) console.error("PostgreSQL: an idle connection failed:", error.message);
  });
  return pool;
}

/**
 * Brings the schema up to date. Every server calls this at start-up; the advisory lock makes
 * the second wait for the first and then find nothing left to apply. (The lock is held by a
 * session: behind a transaction-mode pooler such as PgBouncer, point this at the server itself.)
 */
export async function migratePostgres(pool: pg.Pool, migrationsFolder = POSTGRES_MIGRATIONS) {
  const client = await pool.connect();
  let failure: Error | undefined;
  try {
    await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    try {
      await client.query("set default_transaction_read_only = off");
      await migrate(drizzle({ client }), { migrationsFolder });
    } finally {
      await client.query("reset default_transaction_read_only");
      await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
    }
  } catch (error) {
    failure = error as Error;
    throw error;
  } finally {
    // A connection that failed mid-way is closed rather than handed to the next query.
    client.release(failure);
  }
}

function postgresOnPool(pool: pg.Pool, lockPool: pg.Pool, options: PostgresOptions = {}, replicaPools: pg.Pool[] = []): Postgres {
  const base = drizzle({ client: pool, schema });
  // drizzle's replica support: its selects go to a standby picked at random, the rest to the primary.
  const [firstReplica, ...otherReplicas] = replicaPools.map((replica) => drizzle({ client: replica, schema }));
  const replicated = firstReplica ? withReplicas(base, [firstReplica, ...otherReplicas]) : base;
  // One drizzle per pooled connection, made when a keyed transaction first uses it.
  const perClient = new WeakMap<pg.PoolClient, PgDatabase>();
  const onClient = (client: pg.PoolClient) => perClient.get(client) ?? perClient.set(client, drizzle({ client, schema })).get(client)!;
  const maxAttempts = options.maxAttempts ?? 10;
  type Scope = { tx: PgTransaction; root: { doomed: unknown } };
  const scopes = new AsyncLocalStorage<Scope>();

  const db = new Proxy(base, {
    get(target, property) {
      const current = scopes.getStore()?.tx ?? (firstReplica && !readsFromPrimary() ? replicated : target);
      const value: unknown = Reflect.get(current, property);
      return typeof value === "function" && property !== "constructor" ? value.bind(current) : value;
    },
  });

  /** One try of an outermost transaction: on the pool, or, with queue keys, on a client that holds them. */
  async function runAttempt<T>(fn: (tx: PgTransaction) => Promise<T>, queueOn: readonly string[]): Promise<T> {
    if (queueOn.length === 0) return serializable(base, fn);
    const client = await pool.connect();
    try {
      // Taken before BEGIN, so that the transaction's snapshot already sees the previous
      // holder's commit; sorted, so that two transactions never wait for each other's keys.
      await client.query("select count(pg_advisory_lock(key)) from (select distinct hashtextextended(k, 0) as key from unnest($1::text[]) as k order by 1) as sorted", [queueOn]);
      return await serializable(onClient(client), fn);
    } finally {
      try {
        await client.query("select pg_advisory_unlock_all()");
        client.release();
      } catch (error) {
        // The connection broke: closing it ends its session, and the server frees the keys.
        client.release(error as Error);
      }
    }
  }

  async function serializable<T>(database: PgDatabase, fn: (tx: PgTransaction) => Promise<T>): Promise<T> {
    try {
      return await database.transaction(
        async (tx) => {
          const scope: Scope = { tx, root: { doomed: null } };
          const result = await scopes.run(scope, () => fn(tx));
          // A nested call swallowed a serialization failure: the whole transaction must go.
          if (scope.root.doomed) throw scope.root.doomed;
          if (isRefusal(result)) throw new RolledBack(result);
          return result;
        },
        { isolationLevel: "serializable", accessMode: "read write" },
      );
    } catch (error) {
      if (error instanceof RolledBack) return error.result as T;
      throw error;
    }
  }

  async function nested<T>(outer: Scope, fn: (tx: PgTransaction) => Promise<T>): Promise<T> {
    try {
      return await outer.tx.transaction(async (savepoint) => {
        const result = await scopes.run({ tx: savepoint, root: outer.root }, () => fn(savepoint));
        if (isRefusal(result)) throw new RolledBack(result);
        return result;
      });
    } catch (error) {
      if (error instanceof RolledBack) return error.result as T;
      if (isRetryable(error)) outer.root.doomed ??= error;
      throw error;
    }
  }

  async function transaction<T>(fn: (tx: PgTransaction) => Promise<T>, { queueOn = [] }: TransactionOptions = {}): Promise<T> {
    const outer = scopes.getStore();
    if (outer) return nested(outer, fn);
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await runAttempt(fn, queueOn);
        noteWrite();
        return result;
      } catch (error) {
        if (!isRetryable(error) || attempt >= maxAttempts) throw error;
        options.onRetry?.(error, attempt);
        await sleep(retryDelay(attempt));
      }
    }
  }

  /**
   * Runs `fn` unless another server, or this one, holds `key`; then it does not wait and leaves
   * the work to that holder. A session advisory lock on the lock connection, which holds every
   * key this server takes while `fn`'s own queries use the pool: a key's connection taken from
   * the pool would leave as many jobs at once as the pool has connections each waiting for one
   * more, for ever. If the server dies, its connection closes and the database frees its keys.
   */
  const keysHeldHere = new Set<string>();
  async function exclusively<T>(key: string, fn: () => Promise<T>): Promise<Exclusive<T>> {
    // One session may take its own key again: this server's other holder is told no here.
    if (keysHeldHere.has(key)) return { ran: false };
    const { rows } = await lockPool.query<{ taken: boolean }>("select pg_try_advisory_lock(hashtextextended($1, 0)) as taken", [key]);
    if (!rows[0]!.taken) return { ran: false };
    keysHeldHere.add(key);
    try {
      return { ran: true, value: await fn() };
    } finally {
      try {
        await lockPool.query("select pg_advisory_unlock(hashtextextended($1, 0))", [key]);
      } finally {
        keysHeldHere.delete(key);
      }
    }
  }

  return {
    pool,
    db,
    transaction,
    exclusively,
    async isHealthy() {
      try {
        await Promise.all([pool, ...replicaPools].map((each) => each.query("select 1")));
        return true;
      } catch {
        return false;
      }
    },
    close: async () => void (await Promise.all([pool, lockPool, ...replicaPools].map((each) => each.end()))),
  };
}

/** Carries a refusal out of drizzle's transaction so that drizzle rolls it back. */
class RolledBack extends Error {
  constructor(readonly result: unknown) {
    super("rolled back: the transaction returned a refusal");
  }
}

/** A serialization failure or a deadlock, possibly wrapped by drizzle (DrizzleQueryError.cause). */
export function isRetryable(error: unknown): boolean {
  for (let current = error; current && typeof current === "object"; current = (current as { cause?: unknown }).cause) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && RETRYABLE.has(code)) return true;
  }
  return false;
}

/** "Full jitter" exponential backoff: colliding transactions spread out instead of colliding again. */
function retryDelay(attempt: number) {
  return Math.random() * Math.min(200, 4 * 2 ** attempt);
}
