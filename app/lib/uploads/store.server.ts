import fs from "node:fs/promises";
import path from "node:path";
import { eq, inArray } from "drizzle-orm";
import { uploadBlobs } from "#db/tables";
import { db, transaction } from "~/lib/db.server";

/**
 * Where uploaded files live. One interface, chosen by UPLOADS_STORE:
 * - "local" (the default): files under UPLOADS_DIR (default data/uploads), for one server;
 * - "database": rows of the upload_blobs table, for several app servers sharing one database.
 * Another backend (an S3-compatible object store) is one more implementation of these three
 * methods. Keys are made by the app ("<upload id>/<width>.webp"), never by a request.
 */
export interface UploadStore {
  put(key: string, bytes: Buffer): Promise<void>;
  /** The file's bytes, or null when there is none. */
  get(key: string): Promise<Buffer | null>;
  remove(keys: string[]): Promise<void>;
}

export const UPLOAD_STORES = ["local", "database"] as const;
export type UploadStoreName = (typeof UPLOAD_STORES)[number];

/** The content type of a stored file, from the format the app stored it in. */
export function contentTypeOf(key: string) {
  return key.endsWith(".webp") ? "image/webp" : null;
}

/** Keys look like "abc…/800.webp": safe as a relative path, whatever the backend. */
const KEY = /^[A-Za-z0-9]+\/\d{1,5}\.webp$/;
function checkedKey(key: string) {
  if (!KEY.test(key)) throw new Error(`Not an upload key: ${key}`);
  return key;
}

export function localStore(directory: string): UploadStore {
  const root = path.resolve(directory);
  const fileOf = (key: string) => path.join(root, checkedKey(key));
  return {
    async put(key, bytes) {
      const file = fileOf(key);
      await fs.mkdir(path.dirname(file), { recursive: true });
      // Written aside, then renamed: a reader never sees half a file.
      const temporary = `${file}.${process.pid}.tmp`;
      await fs.writeFile(temporary, bytes);
      await fs.rename(temporary, file);
    },
    async get(key) {
      try {
        return await fs.readFile(fileOf(key));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw error;
      }
    },
    async remove(keys) {
      const folders = new Set<string>();
      for (const key of keys) {
        const file = fileOf(key);
        await fs.rm(file, { force: true });
        folders.add(path.dirname(file));
      }
      // An upload's folder goes with its last file.
      for (const folder of folders) await fs.rmdir(folder).catch(() => undefined);
    },
  };
}

export function databaseStore(): UploadStore {
  return {
    async put(key, bytes) {
      await transaction(async (tx) => {
        await tx
          .insert(uploadBlobs)
          .values({ key: checkedKey(key), bytes })
          .onConflictDoUpdate({ target: uploadBlobs.key, set: { bytes } });
      });
    },
    async get(key) {
      const [row] = await db.select({ bytes: uploadBlobs.bytes }).from(uploadBlobs).where(eq(uploadBlobs.key, checkedKey(key))).limit(1);
      return row ? Buffer.from(row.bytes) : null;
    },
    async remove(keys) {
      if (keys.length === 0) return;
      await transaction(async (tx) => {
        await tx.delete(uploadBlobs).where(inArray(uploadBlobs.key, keys.map(checkedKey)));
      });
    },
  };
}

/** Which store this process uses, from the environment. */
export function configuredStoreName(env: NodeJS.ProcessEnv = process.env): UploadStoreName {
  const name = env.UPLOADS_STORE ?? "local";
  if (!(UPLOAD_STORES as readonly string[]).includes(name)) throw new Error(`UPLOADS_STORE must be one of ${UPLOAD_STORES.join(", ")} (got "${name}").`);
  return name as UploadStoreName;
}

export function uploadsDirectory(env: NodeJS.ProcessEnv = process.env) {
  return path.resolve(env.UPLOADS_DIR ?? "data/uploads");
}

let store: UploadStore | undefined;

/** The store this process uses (UPLOADS_STORE, UPLOADS_DIR), made once. */
export function uploadStore(): UploadStore {
  store ??= configuredStoreName() === "database" ? databaseStore() : localStore(uploadsDirectory());
  return store;
}
