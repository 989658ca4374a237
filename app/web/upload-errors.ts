import type { ImageRefusal } from "~/lib/uploads/images.server";

/** The message (an i18n key with the limit after the colon) for an image that was refused. */
export function imageErrorKey(reason: ImageRefusal) {
  if (reason === "tooLarge") return "errors.upload.tooLarge:5";
  return reason === "unsupportedFormat" ? "errors.upload.unsupportedFormat" : "errors.upload.notAnImage";
}
