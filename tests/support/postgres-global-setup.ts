import pg from "pg";
import type { TestProject } from "vitest/node";
import { migratePostgres } from "~/lib/postgres.server";
import { databaseUrl } from "./postgres-url";

// The PostgreSQL pass (vitest.pg.config.ts, run by `npm run test:pg`): one database migrated
// once, which every test file then clones (tests/support/setup-postgres.ts). Cloning a template
// takes a few milliseconds; migrating each file's database would take far longer.
declare module "vitest" {
  export interface ProvidedContext {
    postgresTemplate: string;
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
  project.provide("postgresTemplate", template);

  return async () => {
    await admin.query(`drop database if exists "${template}" with (force)`);
    await admin.end();
  };
}
