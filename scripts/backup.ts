// Backups of a running Tertulia on SQLite, and putting one back:
//   npm run backup                 writes data/backups/tertulia-<date>.tar.gz (BACKUP_DIR)
//   npm run restore -- FILE        puts FILE back in place of the database and the uploads
//
// The database is copied with SQLite's online backup API from a connection of its own: the copy
// is one consistent snapshot (every transaction committed before it began, none after), taken
// while the app goes on reading and writing (in WAL mode a reader holds no writer back). The
// uploaded files are copied after it: they are never changed once written, and a file is written
// before the row that names it, so every upload the snapshot knows is already on disk.
//
// Restoring checks the archive first (SQLite's integrity and foreign-key checks, a Tertulia
// database at all), then swaps the database file and the uploads directory for the backup's and
// keeps what was there under "<name>.before-restore-<date>". Stop the app before restoring.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import Database from "better-sqlite3";
import * as tar from "tar";

const DATABASE_ENTRY = "tertulia.db";
const UPLOADS_ENTRY = "uploads";
const MANIFEST_ENTRY = "backup.json";

export type BackupPlaces = { databasePath: string; uploadsDir: string };
export type BackupManifest = { format: 1; takenAt: string; databaseBytes: number; uploadFiles: number };

/** Where the running app keeps its data, from the same variables it reads. */
export function placesFromEnvironment(env: NodeJS.ProcessEnv = process.env): BackupPlaces {
  if (env.DATABASE_URL) {
    throw new Error("DATABASE_URL is set: Tertulia runs on PostgreSQL, whose backups are pg_dump's (docs/deploy.md). This command backs up SQLite.");
  }
  return {
    databasePath: path.resolve(env.DATABASE_PATH ?? "data/tertulia.db"),
    uploadsDir: path.resolve(env.UPLOADS_DIR ?? "data/uploads"),
  };
}

/** "2026-11-24T01-02-03Z": a date that sorts, and is a valid file name everywhere. */
function stamp(date: Date) {
  return date.toISOString().replace(/\.\d+Z$/, "Z").replaceAll(":", "-");
}

/** A working directory beside `near`, so that renames out of it stay on one file system. */
async function scratchDirectory(near: string) {
  const directory = path.join(path.dirname(near), `.backup-${process.pid}-${randomBytes(4).toString("hex")}`);
  await fsp.mkdir(directory, { recursive: true });
  return directory;
}

/**
 * Copies the live database into `target` with SQLite's online backup. After a first step that
 * only sizes the copy, the rest goes in one step, inside one read transaction: in steps of a few
 * pages, every write the app made in between would start the copy over.
 */
async function copyDatabase(databasePath: string, target: string) {
  if (!fs.existsSync(databasePath)) throw new Error(`No database at ${databasePath}.`);
  const source = new Database(databasePath, { readonly: true, fileMustExist: true });
  try {
    source.pragma("busy_timeout = 5000");
    await source.backup(target, { progress: () => 0x7fffffff });
  } finally {
    source.close();
  }
}

/** Every file under `directory`, as paths relative to it (none when it does not exist). */
async function filesUnder(directory: string) {
  const entries = await fsp.readdir(directory, { recursive: true, withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [];
    throw error;
  });
  // Half-written files (written aside, then renamed) are not uploads yet.
  return entries.filter((entry) => entry.isFile() && !entry.name.endsWith(".tmp")).map((entry) => path.relative(directory, path.join(entry.parentPath, entry.name)));
}

/**
 * Writes one backup archive (`tertulia-<date>.tar.gz` in `outDir`): the database, the uploads,
 * and a small manifest. Safe while the app runs. Answers the archive's path and its manifest.
 */
export async function backUp(places: BackupPlaces, options: { outDir: string; now?: Date }) {
  const takenAt = options.now ?? new Date();
  await fsp.mkdir(options.outDir, { recursive: true });
  const archive = path.join(path.resolve(options.outDir), `tertulia-${stamp(takenAt)}.tar.gz`);
  const scratch = await scratchDirectory(archive);
  try {
    await copyDatabase(places.databasePath, path.join(scratch, DATABASE_ENTRY));
    const uploads = path.join(scratch, UPLOADS_ENTRY);
    let uploadFiles = 0;
    for (const file of await filesUnder(places.uploadsDir)) {
      await fsp.mkdir(path.dirname(path.join(uploads, file)), { recursive: true });
      // A file removed since the listing belonged to an upload deleted after the snapshot: none of it is needed.
      const copied = await fsp.copyFile(path.join(places.uploadsDir, file), path.join(uploads, file)).then(
        () => true,
        (error: NodeJS.ErrnoException) => {
          if (error.code === "ENOENT") return false;
          throw error;
        },
      );
      if (copied) uploadFiles++;
    }
    await fsp.mkdir(uploads, { recursive: true });
    const manifest: BackupManifest = { format: 1, takenAt: takenAt.toISOString(), databaseBytes: (await fsp.stat(path.join(scratch, DATABASE_ENTRY))).size, uploadFiles };
    await fsp.writeFile(path.join(scratch, MANIFEST_ENTRY), `${JSON.stringify(manifest, null, 2)}\n`);
    // Written aside and renamed: an archive with the final name is always complete.
    await tar.create({ gzip: true, cwd: scratch, file: `${archive}.partial` }, [MANIFEST_ENTRY, DATABASE_ENTRY, UPLOADS_ENTRY]);
    await fsp.rename(`${archive}.partial`, archive);
    return { archive, manifest };
  } finally {
    await fsp.rm(scratch, { recursive: true, force: true });
  }
}

/** What is wrong with a database file taken from a backup, or null when it is sound. */
function problemWith(databaseFile: string): string | null {
  let database: Database.Database;
  try {
    database = new Database(databaseFile, { readonly: true, fileMustExist: true });
  } catch (error) {
    return `the database cannot be opened (${(error as Error).message})`;
  }
  try {
    const integrity = database.pragma("integrity_check") as Array<{ integrity_check: string }>;
    if (integrity.length !== 1 || integrity[0]!.integrity_check !== "ok") return `SQLite's integrity check failed: ${integrity.map((row) => row.integrity_check).join("; ")}`;
    const brokenLinks = database.pragma("foreign_key_check") as unknown[];
    if (brokenLinks.length > 0) return `${brokenLinks.length} rows point at rows that are not there (foreign_key_check)`;
    const tables = new Set((database.prepare("select name from sqlite_master where type = 'table'").all() as Array<{ name: string }>).map((row) => row.name));
    for (const table of ["__drizzle_migrations", "site", "users", "ideas"]) if (!tables.has(table)) return `it is not a Tertulia database (no ${table} table)`;
    return null;
  } catch (error) {
    return `the database cannot be read (${(error as Error).message})`;
  } finally {
    database.close();
  }
}

/**
 * Puts a backup back: checks it, then swaps it in for the database and the uploads, keeping what
 * was there beside them ("….before-restore-<date>"). The app must be stopped. Refuses, changing
 * nothing, an archive that is not a sound Tertulia backup.
 */
export async function restore(places: BackupPlaces, options: { archive: string; now?: Date }) {
  if (!fs.existsSync(options.archive)) throw new Error(`No backup at ${options.archive}.`);
  await fsp.mkdir(path.dirname(places.databasePath), { recursive: true });
  const scratch = await scratchDirectory(places.databasePath);
  try {
    await tar.extract({
      file: options.archive,
      cwd: scratch,
      // Only what a backup holds: no links, nothing outside the working directory.
      filter: (entry, stat) => (stat as { type?: string }).type !== "SymbolicLink" && (entry === MANIFEST_ENTRY || entry === DATABASE_ENTRY || entry.startsWith(`${UPLOADS_ENTRY}/`) || entry === UPLOADS_ENTRY),
    });
    const database = path.join(scratch, DATABASE_ENTRY);
    if (!fs.existsSync(database)) throw new Error(`${options.archive} is not a Tertulia backup: it holds no ${DATABASE_ENTRY}.`);
    const problem = problemWith(database);
    if (problem) throw new Error(`${options.archive} was not restored: ${problem}.`);
    const manifest = JSON.parse(await fsp.readFile(path.join(scratch, MANIFEST_ENTRY), "utf8").catch(() => "null")) as BackupManifest | null;

    const aside = `.before-restore-${stamp(options.now ?? new Date())}`;
    // The live database first takes in its write-ahead log, so what is kept aside is whole, and
    // no stale log is left to be replayed over the restored file.
    if (fs.existsSync(places.databasePath)) {
      const live = new Database(places.databasePath, { fileMustExist: true });
      try {
        live.pragma("wal_checkpoint(TRUNCATE)");
      } finally {
        live.close();
      }
      await fsp.rename(places.databasePath, `${places.databasePath}${aside}`);
    }
    for (const suffix of ["-wal", "-shm"]) await fsp.rm(`${places.databasePath}${suffix}`, { force: true });
    await fsp.rename(database, places.databasePath);

    if (fs.existsSync(places.uploadsDir)) await fsp.rename(places.uploadsDir, `${places.uploadsDir}${aside}`);
    const uploads = path.join(scratch, UPLOADS_ENTRY);
    await fsp.mkdir(path.dirname(places.uploadsDir), { recursive: true });
    if (fs.existsSync(uploads)) await fsp.rename(uploads, places.uploadsDir);
    else await fsp.mkdir(places.uploadsDir, { recursive: true });
    return { manifest, keptAside: aside };
  } finally {
    await fsp.rm(scratch, { recursive: true, force: true });
  }
}

async function main(argv: string[]) {
  const [command, file] = argv;
  const places = placesFromEnvironment();
  if (command === "backup") {
    const { archive, manifest } = await backUp(places, { outDir: path.resolve(process.env.BACKUP_DIR ?? "data/backups") });
    console.log(`Backup written: ${archive} (database ${(manifest.databaseBytes / 1024 / 1024).toFixed(1)} MB, ${manifest.uploadFiles} uploaded files).`);
  } else if (command === "restore" && file) {
    const { manifest, keptAside } = await restore(places, { archive: path.resolve(file) });
    console.log(`Restored the backup taken at ${manifest?.takenAt ?? "an unknown time"} into ${places.databasePath} and ${places.uploadsDir}; what was there is kept as "…${keptAside}".`);
  } else {
    console.error("Usage: npm run backup | npm run restore -- FILE");
    process.exitCode = 2;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
