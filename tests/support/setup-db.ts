import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";

// Every test file gets its own throw-away database, created before any app module is
// imported (db.server.ts opens and migrates it on first import).
const directory = fs.mkdtempSync(path.join(os.tmpdir(), "tertulia-test-"));
process.env.DATABASE_PATH = path.join(directory, "test.db");
// SQLite unless a PostgreSQL pass sets it again (tests/support/setup-postgres.ts).
delete process.env.DATABASE_URL;
process.env.MAIL_DIRECTORY = path.join(directory, "mail");

afterAll(() => {
  fs.rmSync(directory, { recursive: true, force: true });
});
