import { siteUrl } from "~/lib/deployment.mjs";
import { photoPath, type PHOTO_SIZES } from "~/lib/upload-paths";

/** The portal's public address, for links in emails (APP_URL, else this machine's port). */
export function appUrl(path = "/") {
  return new URL(path, siteUrl()).toString();
}

/**
 * The full address of a person's photo, for emails (which need absolute URLs), or null when
 * they have none and the email shows their initials instead.
 */
export function photoUrl(person: { photoId: string | null | undefined }, size: keyof typeof PHOTO_SIZES = "medium") {
  const path = photoPath(person, size);
  return path ? appUrl(path) : null;
}
