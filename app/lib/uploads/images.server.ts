import sharp from "sharp";
import { BODY_LIMITS } from "~/lib/body-limits.mjs";
import type { UploadKind } from "#db/schema";
import { ok, refused, type Result } from "~/lib/result";
import { UPLOAD_WIDTHS } from "~/lib/upload-paths";

/** The largest file a person may upload, before it is re-encoded. */
export const IMAGE_MAX_BYTES = BODY_LIMITS.image;
/** The formats taken in, read from the file's own bytes (never from its name or declared type). */
export const IMAGE_FORMATS = ["jpeg", "png", "webp"] as const;
/**
 * A 5 MB file can claim a huge canvas (a "decompression bomb"): sharp refuses to decode more
 * pixels than this (a 50-megapixel camera fits).
 */
const MAX_INPUT_PIXELS = 60_000_000;
/** Beyond this, pictures other than photos are cut (a 1:4 strip is plenty). */
const MAX_HEIGHT_PER_WIDTH = 4;
const WEBP = { quality: 80, effort: 4 } as const;

export type ImageRefusal = "notAnImage" | "unsupportedFormat" | "tooLarge";
export type ProcessedImage = { width: number; height: number; variants: Array<{ width: number; bytes: Buffer }> };

/**
 * Decodes an uploaded image and re-encodes it as WebP in each size its kind is stored in:
 * oriented by its EXIF tag first, then stripped of every piece of metadata (EXIF, GPS, XMP,
 * ICC: sharp keeps none unless asked), photos cropped square around what draws the eye. The
 * uploaded bytes themselves are never kept or served. Runs on libuv's thread pool, off the
 * event loop.
 */
export async function processImage(bytes: Buffer, kind: UploadKind): Promise<Result<ProcessedImage, ImageRefusal>> {
  if (bytes.length > IMAGE_MAX_BYTES) return refused("tooLarge");
  const input = () => sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: "error" });
  let format: string | undefined;
  try {
    format = (await input().metadata()).format;
  } catch {
    return refused("notAnImage");
  }
  if (!(IMAGE_FORMATS as readonly string[]).includes(format ?? "")) return refused("unsupportedFormat");

  const widths = [...UPLOAD_WIDTHS[kind]].sort((a, b) => b - a);
  const largest = widths[0]!;
  try {
    // Decoded once, at the largest size needed; the smaller sizes are made from those pixels.
    const base = input().rotate();
    const { data, info } = await (
      kind === "photo"
        ? base.resize(largest, largest, { fit: "cover", position: "attention" })
        : base.resize(largest, largest * MAX_HEIGHT_PER_WIDTH, { fit: "inside", withoutEnlargement: true })
    )
      .raw()
      .toBuffer({ resolveWithObject: true });
    const raw = { raw: { width: info.width, height: info.height, channels: info.channels } };
    const variants = await Promise.all(
      widths.map(async (width) => {
        const resized = width >= info.width ? sharp(data, raw) : sharp(data, raw).resize({ width });
        return { width, bytes: await resized.webp(WEBP).toBuffer() };
      }),
    );
    return ok({ width: info.width, height: info.height, variants });
  } catch {
    // A file whose header parses but whose pixels do not (truncated, corrupt).
    return refused("notAnImage");
  }
}
