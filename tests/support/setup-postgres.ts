import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, inject } from "vitest";
import { databaseUrl } from "./postgres-url";
import "./setup-db";

// Every test file of the PostgreSQL pass gets its own database, cloned from the migrated
// template, in DATABASE_URL before any app module is imported (and a throw-away SQLite file
// too, from setup-db, for tests that use both engines).
const adminUrl = process.env.POSTGRES_TEST_URL!;
const database = `tertulia_test_${randomBytes(6).toString("hex")}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`create database "${database}" template "${inject("postgresTemplate")}"`);
process.env.DATABASE_URL = databaseUrl(adminUrl, database);

afterAll(async () => {
  await admin.query(`drop database "${database}" with (force)`);
  await admin.end();
});
