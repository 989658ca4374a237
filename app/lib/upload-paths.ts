import type { UploadKind } from "#db/schema";

// Where uploaded images are served, and in which sizes: shared by the server (which makes the
// sizes, app/lib/uploads/images.server.ts) and the pages (which choose among them). No server code here.

/**
 * The widths, in pixels, each kind of image is stored in (WebP). Photos are square; the other
 * kinds keep their proportions and are never enlarged, so a small picture's "wider" sizes hold
 * it at its own size.
 */
export const UPLOAD_WIDTHS = {
  photo: [64, 160, 400],
  image: [800, 1600],
  cover: [800, 1600],
  logo: [160, 320],
} as const satisfies Record<UploadKind, readonly number[]>;

/** An upload's id as it appears in URLs: made by generateUploadId (20 URL-safe characters). */
export const UPLOAD_ID = /^[A-Za-z0-9]{20}$/;

/** The address of one stored size of an upload. */
export function uploadPath(id: string, width: number) {
  return `/uploads/${id}/${width}.webp`;
}

/** The `srcset` of every size of an upload ("…/800.webp 800w, …/1600.webp 1600w"). */
export function uploadSrcSet(id: string, kind: UploadKind) {
  return UPLOAD_WIDTHS[kind].map((width) => `${uploadPath(id, width)} ${width}w`).join(", ");
}

/** The stored sizes of a person's photo, by the size it is shown at. */
export const PHOTO_SIZES = { small: 64, medium: 160, large: 400 } as const;

/** A person's photo at a size, or null when they have none (the initials stand in). */
export function photoPath(person: { photoId: string | null | undefined }, size: keyof typeof PHOTO_SIZES = "medium") {
  return person.photoId ? uploadPath(person.photoId, PHOTO_SIZES[size]) : null;
}

/**
 * An image node's `src` in a rich-text body: one of this site's uploads of kind "image", at its
 * largest size. The rich-text allow-list accepts no other (app/lib/rich-body.server.ts).
 */
export const CONTENT_IMAGE_SRC = new RegExp(`^/uploads/([A-Za-z0-9]{20})/${UPLOAD_WIDTHS.image.at(-1)}\\.webp$`);

export function contentImageSrc(id: string) {
  return uploadPath(id, UPLOAD_WIDTHS.image.at(-1)!);
}
