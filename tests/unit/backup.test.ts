import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import Database from "better-sqlite3";
import * as tar from "tar";
import { afterAll, describe, expect, it } from "vitest";
import { databaseEngine } from "#db/engine";
import { backUp, restore, type BackupPlaces } from "../../scripts/backup";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "tertulia-backup-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

const live: BackupPlaces = { databasePath: process.env.DATABASE_PATH!, uploadsDir: process.env.UPLOADS_DIR! };

/**
 * Another process writing to the live database as the app does (WAL, synchronous=FULL), one
 * committed row at a time; it prints each row's number once its commit has returned: an
 * acknowledged write.
 */
function startWriter() {
  const script = `
    const Database = require("better-sqlite3");
    const db = new Database(process.argv[1]);
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = FULL");
    db.pragma("busy_timeout = 5000");
    db.pragma("wal_autocheckpoint = 0"); // the writes stay in the write-ahead log: a copy of the file alone would miss them
    const insert = db.prepare("insert into categories (name, colour) values (?, '#000000')");
    let n = 0;
    const write = () => { n++; insert.run("backup-" + n); process.stdout.write(n + "\\n"); setImmediate(write); };
    write();`;
  const child = spawn(process.execPath, ["-e", script, live.databasePath], { stdio: ["ignore", "pipe", "inherit"] });
  let acknowledged = 0;
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  readline.createInterface({ input: child.stdout }).on("line", (line) => {
    acknowledged = Number(line);
    for (const waiter of waiters.filter((w) => acknowledged >= w.count)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  });
  return {
    acknowledged: () => acknowledged,
    until: (count: number) => new Promise<void>((resolve) => waiters.push({ count, resolve })),
    stop: () => new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : (child.once("exit", () => resolve()), child.kill()))),
  };
}

const writtenIn = (databasePath: string) => {
  const database = new Database(databasePath, { readonly: true });
  try {
    return (database.prepare("select name from categories where name like 'backup-%'").all() as Array<{ name: string }>).map((row) => Number(row.name.slice("backup-".length))).sort((a, b) => a - b);
  } finally {
    database.close();
  }
};

// SQLite's files only: on PostgreSQL both commands refuse to run (pg_dump backs it up, docs/deploy.md).
describe.runIf(databaseEngine() === "sqlite")("backUp and restore", () => {
  it("take a consistent copy while another process writes, and restore every write acknowledged before it", async () => {
    fs.mkdirSync(path.join(live.uploadsDir, "Abc123"), { recursive: true });
    fs.writeFileSync(path.join(live.uploadsDir, "Abc123", "64.webp"), "image bytes");
    const writer = startWriter();
    try {
      await writer.until(200);
      const acknowledgedBefore = writer.acknowledged();
      const { archive, manifest } = await backUp(live, { outDir: path.join(scratch, "backups"), now: new Date("2026-11-24T01:02:03.456Z") });
      await writer.until(writer.acknowledged() + 50); // still writing after the copy
      expect(path.basename(archive)).toBe("tertulia-2026-11-24T01-02-03Z.tar.gz");
      expect(manifest).toMatchObject({ format: 1, takenAt: "2026-11-24T01:02:03.456Z" });
      // Other test files may have left uploads too: the folder is shared by the worker.
      expect(manifest.uploadFiles).toBeGreaterThanOrEqual(1);

      const restored: BackupPlaces = { databasePath: path.join(scratch, "restored", "tertulia.db"), uploadsDir: path.join(scratch, "restored", "uploads") };
      await restore(restored, { archive });
      const rows = writtenIn(restored.databasePath);
      // Every acknowledged write is there, and nothing half: the rows are 1…n without a gap.
      expect(rows.length).toBeGreaterThanOrEqual(acknowledgedBefore);
      expect(rows).toEqual(Array.from({ length: rows.length }, (_, i) => i + 1));
      expect(rows.length).toBeLessThan(writer.acknowledged());
      expect(fs.readFileSync(path.join(restored.uploadsDir, "Abc123", "64.webp"), "utf8")).toBe("image bytes");
    } finally {
      await writer.stop();
    }
  });

  it("keeps what was in place aside, and refuses an archive whose database is damaged, changing nothing", async () => {
    const places: BackupPlaces = { databasePath: path.join(scratch, "second", "tertulia.db"), uploadsDir: path.join(scratch, "second", "uploads") };
    const { archive } = await backUp(live, { outDir: path.join(scratch, "backups"), now: new Date("2026-11-24T02:00:00Z") });
    await restore(places, { archive, now: new Date("2026-11-24T03:00:00Z") });
    await restore(places, { archive, now: new Date("2026-11-24T04:00:00Z") });
    expect(fs.existsSync(`${places.databasePath}.before-restore-2026-11-24T04-00-00Z`)).toBe(true);
    expect(fs.existsSync(`${places.uploadsDir}.before-restore-2026-11-24T04-00-00Z`)).toBe(true);

    // A copy whose database file is cut in half.
    const damaged = path.join(scratch, "damaged");
    fs.mkdirSync(damaged);
    await tar.extract({ file: archive, cwd: damaged });
    const database = path.join(damaged, "tertulia.db");
    fs.truncateSync(database, Math.floor(fs.statSync(database).size / 2));
    const damagedArchive = path.join(scratch, "damaged.tar.gz");
    await tar.create({ gzip: true, cwd: damaged, file: damagedArchive }, ["backup.json", "tertulia.db", "uploads"]);
    const before = fs.readFileSync(places.databasePath);
    await expect(restore(places, { archive: damagedArchive })).rejects.toThrow(/was not restored/);
    expect(fs.readFileSync(places.databasePath).equals(before)).toBe(true);
  });
});
