import pg from "pg";
import type { TestProject } from "vitest/node";
import { migratePostgres } from "~/lib/postgres.server";
import { databaseUrl } from "./postgres-url";

// The PostgreSQL pass (vitest.pg.config.ts, run by `npm run test:pg`): one database migrated
// once, which every worker process then clones (tests/support/setup-postgres.ts). Cloning a
// template takes a few milliseconds; migrating each worker's database would take far longer.
declare module "vitest" {
  export interface ProvidedContext {
    postgresTemplate: string;
    /** The name of every worker's database starts with it, so that the teardown finds them all. */
    postgresWorkerPrefix: string;
  }
}

export async function setup(project: TestProject) {
  const adminUrl = process.env.POSTGRES_TEST_URL;
  if (!adminUrl) throw new Error("The PostgreSQL pass needs POSTGRES_TEST_URL: run it with `npm run test:pg`.");
  const template = `tertulia_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists "${template}"`);
  await admin.query(`create database "${template}"`);
  const pool = new pg.Pool({ connectionString: databaseUrl(adminUrl, template), max: 1 });
  try {
    await migratePostgres(pool);
  } finally {
    await pool.end();
  }
  const workerPrefix = `tertulia_worker_${process.pid}_`;
  project.provide("postgresTemplate", template);
  project.provide("postgresWorkerPrefix", workerPrefix);

  return async () => {
    const { rows: workers } = await admin.query<{ name: string }>("select datname as name from pg_database where starts_with(datname, $1)", [workerPrefix]);
    for (const { name } of workers) await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.query(`drop database if exists "${template}" with (force)`);
    await admin.end();
  };
}
