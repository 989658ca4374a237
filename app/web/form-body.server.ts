import type { AppLoadContext } from "@remix-run/node";
import { BODY_LIMITS } from "~/lib/body-limits.mjs";
import { badRequest, payloadTooLarge, unsupportedMediaType } from "~/web/responses.server";
import { limitRate } from "~/web/throttle.server";

const FORM_TYPES = new Set(["application/x-www-form-urlencoded", "multipart/form-data"]);

/**
 * The form an action was sent, read within limits: the one way actions read their body
 * (`request.formData()` throws on anything that is not a well-formed form, which Remix answers
 * with a 500). First the write is counted against the client's `write` rate limit (429). Then a
 * body that is not a form is a 415, one larger than `maxBytes` a 413 (read no further than
 * that, even when sent without a Content-Length), one that does not parse a 400. server.mjs
 * refuses a body whose declared length is too large before any of it is read.
 */
export async function readForm(
  { request, context }: { request: Request; context: AppLoadContext },
  { maxBytes = BODY_LIMITS.form }: { maxBytes?: number } = {},
): Promise<FormData> {
  await limitRate({ context }, "write");
  const contentType = request.headers.get("Content-Type") ?? "";
  const mediaType = contentType.split(";")[0]!.trim().toLowerCase();
  if (!FORM_TYPES.has(mediaType)) throw unsupportedMediaType();
  const body = await readBody(request, maxBytes);
  try {
    return await new Response(body, { headers: { "Content-Type": contentType } }).formData();
  } catch {
    // A multipart body without its boundary, cut short, or not multipart at all.
    throw badRequest();
  }
}

/**
 * A request's body, read no further than `maxBytes`: a 413 beyond it (declared or sent), a 400
 * when the client goes away mid-body. readForm's reader, and the REST API's for its JSON.
 */
export async function readBody(request: Request, maxBytes: number): Promise<Blob> {
  if (Number(request.headers.get("Content-Length") ?? 0) > maxBytes) throw payloadTooLarge();
  if (!request.body) return new Blob([]);
  const reader = (request.body as ReadableStream<Uint8Array<ArrayBuffer>>).getReader();
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let size = 0;
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array<ArrayBuffer>>;
    try {
      chunk = await reader.read();
    } catch {
      throw badRequest(); // the client went away mid-body, or the body was already read
    }
    if (chunk.done) break;
    size += chunk.value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw payloadTooLarge();
    }
    chunks.push(chunk.value);
  }
  return new Blob(chunks);
}
