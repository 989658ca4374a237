export type Engine = "sqlite" | "postgres";

/**
 * Which database this process runs on, read once from the environment: PostgreSQL when
 * DATABASE_URL is a postgres:// address, else SQLite (DATABASE_PATH). db/tables.ts and the
 * database module both decide by it, so they cannot disagree.
 */
export function databaseEngine(env: NodeJS.ProcessEnv = process.env): Engine {
  const url = env.DATABASE_URL;
  if (!url) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(url)) return "postgres";
  throw new Error(`DATABASE_URL must be a postgres:// or postgresql:// address (got "${url.split(":")[0]}:…"); leave it unset for SQLite.`);
}
