import type { ActionFunctionArgs } from "@remix-run/node";
import { storeImage } from "~/domain/uploads.server";
import { BODY_LIMITS } from "~/lib/body-limits.mjs";
import { contentImageSrc } from "~/lib/upload-paths";
import { requireUser } from "~/web/guards.server";
import { readFormWithFiles } from "~/web/multipart.server";
import { imageErrorKey } from "~/web/upload-errors";

/**
 * An image for a rich-text body (an idea, a comment), sent by the editor when someone pastes,
 * drops or picks one: re-encoded and stored, answered with the address the image node takes.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { participate: true });
  const { files } = await readFormWithFiles({ request, context }, { files: ["file"], maxFileBytes: BODY_LIMITS.image });
  const file = files.file;
  if (!file) return Response.json({ error: "errors.upload.missing" }, { status: 400 });
  if ("tooLarge" in file) return Response.json({ error: imageErrorKey("tooLarge") }, { status: 413 });
  const stored = await storeImage({ bytes: file.bytes, kind: "image", uploaderId: user.id });
  if (!stored.ok) return Response.json({ error: imageErrorKey(stored.reason) }, { status: 400 });
  // A resource route answers with a Response (raw objects are deprecated for them).
  return Response.json({ src: contentImageSrc(stored.value.id), width: stored.value.width, height: stored.value.height });
}
