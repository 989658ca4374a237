import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll } from "vitest";

// Unit and integration tests run with `isolate: false` (vitest.config.ts): a worker process
// loads the app's modules once and runs many test files. It also keeps one database file,
// created before any app module is imported (db.server.ts opens and migrates it on first
// import), and each test file starts from it emptied: no rows, ids from 1 again.
// On Linux the file lives in memory (/dev/shm): tests are not about surviving a power cut,
// and a commit there costs no fsync.
if (!process.env.DATABASE_PATH?.includes("tertulia-test-")) {
  const base = fs.existsSync("/dev/shm") ? "/dev/shm" : os.tmpdir();
  const directory = fs.mkdtempSync(path.join(base, "tertulia-test-"));
  process.env.DATABASE_PATH = path.join(directory, "test.db");
  process.env.MAIL_DIRECTORY = path.join(directory, "mail");
  process.on("exit", () => fs.rmSync(directory, { recursive: true, force: true }));
}
// The site's public address is the one tests send their requests to (BASE_URL in fixtures.ts).
process.env.APP_URL = "http://tertulia.test";
// SQLite unless a PostgreSQL pass sets it again (tests/support/setup-postgres.ts).
delete process.env.DATABASE_URL;

beforeAll(async () => {
  const { sqlite, transaction } = await import("~/lib/db.server");
  const tables = sqlite.reader
    .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'ideas_fts%' and name != '__drizzle_migrations'")
    .all() as Array<{ name: string }>;
  // Through the write queue, after anything a previous file left running; foreign keys are
  // checked at the commit, when every table is empty. Deleting ideas runs the search index's
  // triggers, so the index empties too.
  await transaction(async () => {
    sqlite.writer.pragma("defer_foreign_keys = ON");
    for (const { name } of tables) sqlite.writer.exec(`delete from "${name}"`);
    sqlite.writer.exec("delete from sqlite_sequence");
  });
  // The site row starts again at settings version 0: what a previous file kept is not this file's.
  const { forgetKeptSettings } = await import("~/domain/site.server");
  forgetKeptSettings();
});
