import type { LoaderFunctionArgs } from "@remix-run/node";
import { contentTypeOf, uploadStore } from "~/lib/uploads/store.server";
import { UPLOAD_ID } from "~/lib/upload-paths";
import { notFound } from "~/web/responses.server";

const FILE = /^\d{1,5}\.webp$/;

/**
 * An uploaded image, as the app re-encoded it. Its address never changes meaning (a new image
 * gets a new id), so browsers and proxies may keep it for a year. The type comes from the stored
 * format; the CSP forbids the file from doing anything but being an image, should it be opened
 * on its own.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const { id = "", file = "" } = params;
  if (!UPLOAD_ID.test(id) || !FILE.test(file)) throw notFound();
  const key = `${id}/${file}`;
  const bytes = await uploadStore().get(key);
  if (!bytes) throw notFound();
  return new Response(new Uint8Array(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.length), {
    headers: {
      "Content-Type": contentTypeOf(key)!,
      "Content-Length": String(bytes.length),
      "Cache-Control": "public, max-age=31536000, immutable",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cross-Origin-Resource-Policy": "same-origin",
    },
  });
}
