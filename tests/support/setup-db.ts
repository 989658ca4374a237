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
  process.env.UPLOADS_DIR = path.join(directory, "uploads");
  process.on("exit", () => fs.rmSync(directory, { recursive: true, force: true }));
}
// The site's public address is the one tests send their requests to (BASE_URL in fixtures.ts).
process.env.APP_URL = "http://tertulia.test";
// SQLite unless this is the PostgreSQL pass (tests/support/setup-postgres.ts runs first there).
if (!process.env.POSTGRES_TEST_URL) delete process.env.DATABASE_URL;

beforeAll(async () => {
  const { emptyDatabase } = await import("#tests/support/db");
  await emptyDatabase();
  // The site row starts again at settings version 0: what a previous file kept is not this file's.
  const { forgetKeptSettings } = await import("~/domain/site.server");
  forgetKeptSettings();
});
