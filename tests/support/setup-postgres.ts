import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { databaseUrl } from "./postgres-url";

// The PostgreSQL pass (vitest.pg.config.ts) runs the suite as the SQLite pass does: with
// `isolate: false`, a worker process loads the app once and runs many test files, so it gets
// one database, cloned from the migrated template before any app module is imported (the app
// opens DATABASE_URL on first import); setup-db.ts then empties it before each file.
// tests/support/postgres-global-setup.ts drops these databases at the end of the run.
if (!process.env.DATABASE_URL?.includes(inject("postgresWorkerPrefix"))) {
  const adminUrl = process.env.POSTGRES_TEST_URL!;
  const database = `${inject("postgresWorkerPrefix")}${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database "${database}" template "${inject("postgresTemplate")}"`);
  } finally {
    await admin.end();
  }
  process.env.DATABASE_URL = databaseUrl(adminUrl, database);
}
