import { inArray } from "drizzle-orm";
import { uploads, type UploadKind } from "#db/tables";
import { randomBytes } from "node:crypto";
import { transaction, type Tx } from "~/lib/db.server";
import { ok, type Result } from "~/lib/result";
import { processImage, type ImageRefusal } from "~/lib/uploads/images.server";
import { uploadStore } from "~/lib/uploads/store.server";
import { UPLOAD_WIDTHS } from "~/lib/upload-paths";

/** 20 characters of [A-Za-z0-9]: about 119 bits, so an upload's address cannot be guessed. */
function generateUploadId() {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  return Array.from(randomBytes(20), (byte) => alphabet[byte % 62]).join("");
}

const keysOf = (id: string, kind: UploadKind) => UPLOAD_WIDTHS[kind].map((width) => `${id}/${width}.webp`);

export type StoredImage = { id: string; kind: UploadKind; width: number; height: number };

/**
 * Takes an uploaded image: re-encodes it in the sizes its kind needs (refusing what is not a
 * JPEG, PNG or WebP image, or is too large), stores the files, then records the upload. The files
 * are written before the row, so a row never points at missing files; if the row cannot be
 * written the files are removed again.
 */
export async function storeImage(input: { bytes: Buffer; kind: UploadKind; uploaderId: string }): Promise<Result<StoredImage, ImageRefusal>> {
  const processed = await processImage(input.bytes, input.kind);
  if (!processed.ok) return processed;
  const id = generateUploadId();
  const store = uploadStore();
  for (const variant of processed.value.variants) await store.put(`${id}/${variant.width}.webp`, variant.bytes);
  const image = { id, kind: input.kind, width: processed.value.width, height: processed.value.height };
  try {
    await transaction(async (tx) => {
      await tx.insert(uploads).values({ ...image, uploaderId: input.uploaderId });
    });
  } catch (error) {
    await store.remove(keysOf(id, input.kind));
    throw error;
  }
  return ok(image);
}

/**
 * Deletes upload rows inside the caller's transaction and answers a function that removes their
 * files: call it after the commit, so a rolled-back change never loses a file still in use.
 */
export async function deleteUploads(tx: Tx, ids: Array<string | null | undefined>) {
  const wanted = ids.filter((id): id is string => Boolean(id));
  if (wanted.length === 0) return async () => undefined;
  const deleted = await tx.delete(uploads).where(inArray(uploads.id, wanted)).returning({ id: uploads.id, kind: uploads.kind });
  return async () => {
    await uploadStore().remove(deleted.flatMap((upload) => keysOf(upload.id, upload.kind)));
  };
}
