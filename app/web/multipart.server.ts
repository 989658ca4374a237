import { unstable_parseMultipartFormData as parseMultipartFormData, type AppLoadContext } from "@remix-run/node";
import type { UploadKind } from "#db/schema";
import { storeImage } from "~/domain/uploads.server";
import { BODY_LIMITS } from "~/lib/body-limits.mjs";
import { ok, refused, type Result } from "~/lib/result";
import { readForm } from "~/web/form-body.server";
import { badRequest, payloadTooLarge } from "~/web/responses.server";
import { limitRate } from "~/web/throttle.server";
import { imageErrorKey } from "~/web/upload-errors";

/** What a file field held: its bytes, nothing (no file chosen), or too many bytes to take. */
export type UploadedFile = { bytes: Buffer } | { tooLarge: true } | null;

/**
 * Reads a form that may carry files (multipart/form-data), streaming, within limits:
 * - each file named in `files` is kept up to `maxFileBytes`; past that it is read to its end
 *   and dropped, and answered as `{ tooLarge: true }`, so the form's other fields still arrive
 *   and the page can say what was wrong without losing what was typed;
 * - text fields together up to BODY_LIMITS.form; files of other names are read and dropped;
 * - a body past BODY_LIMITS.upload is cut off with 413 (the server's own body limit, where it
 *   is set, stops it sooner).
 * A form sent without files (url-encoded) or not a form at all is read by readForm, with its
 * limits and answers; a multipart one is counted against the `write` rate limit the same way.
 */
export async function readFormWithFiles<Name extends string>(
  { request, context }: { request: Request; context: AppLoadContext },
  options: { files: readonly Name[]; maxFileBytes: number },
): Promise<{ formData: FormData; files: Record<Name, UploadedFile> }> {
  const files = Object.fromEntries(options.files.map((name) => [name, null])) as Record<Name, UploadedFile>;
  const type = request.headers.get("Content-Type") ?? "";
  if (!type.toLowerCase().startsWith("multipart/form-data")) return { formData: await readForm({ request, context }), files };
  await limitRate({ context }, "write");
  if (Number(request.headers.get("Content-Length") ?? 0) > BODY_LIMITS.upload) throw payloadTooLarge();
  let total = 0;
  let text = 0;
  const decoder = new TextDecoder();
  try {
    const formData = await parseMultipartFormData(request, async (part) => {
      const chunks: Uint8Array[] = [];
      let size = 0;
      const isFile = typeof part.filename === "string";
      const wanted = isFile && (options.files as readonly string[]).includes(part.name);
      for await (const chunk of part.data) {
        total += chunk.length;
        if (total > BODY_LIMITS.upload) throw payloadTooLarge();
        size += chunk.length;
        if (!isFile) {
          text += chunk.length;
          if (text > BODY_LIMITS.form) throw payloadTooLarge();
          chunks.push(chunk);
        } else if (wanted && size <= options.maxFileBytes) {
          chunks.push(chunk);
        }
      }
      if (!isFile) return chunks.map((chunk) => decoder.decode(chunk, { stream: true })).join("") + decoder.decode();
      if (wanted && size > 0) files[part.name as Name] = size > options.maxFileBytes ? { tooLarge: true } : { bytes: Buffer.concat(chunks) };
      return undefined;
    });
    return { formData, files };
  } catch (error) {
    if (error instanceof Response) throw error;
    // A body that is not the multipart it claims to be.
    throw badRequest();
  }
}

/**
 * Keeps the image a form's file field carried (re-encoded, as `kind`): its upload id, nothing
 * when no file was chosen, or the field's error key (too large, not an image) for the form.
 */
export async function storeImageFile(file: UploadedFile, input: { kind: UploadKind; uploaderId: string }): Promise<Result<string | undefined, string>> {
  if (!file) return ok(undefined);
  if ("tooLarge" in file) return refused(imageErrorKey("tooLarge"));
  const stored = await storeImage({ bytes: file.bytes, ...input });
  return stored.ok ? ok(stored.value.id) : refused(imageErrorKey(stored.reason));
}
