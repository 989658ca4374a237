import { BODY_LIMITS } from "~/lib/body-limits.mjs";

/** What the browser offers and checks before sending (the server checks again, from the file's bytes). */
export const IMAGE_ACCEPT = "image/jpeg,image/png,image/webp";

/**
 * What is wrong with a file chosen, pasted or dropped as an image, as an error key (see
 * useErrorText), or null: too large, or not a JPEG, PNG or WebP by its declared type.
 */
export function imageFileProblem(file: { size: number; type: string }) {
  if (file.size > BODY_LIMITS.image) return "errors.upload.tooLarge:5";
  return IMAGE_ACCEPT.split(",").includes(file.type) ? null : "errors.upload.unsupportedFormat";
}
