import sharp from "sharp";

/** Words planted in a test photo's metadata, to look for in what the app stores. */
export const PLANTED = { make: "SecretCam", model: "Serial-XYZ-123", owner: "Ana Lopez" };

/**
 * A JPEG as a phone makes it: EXIF with the camera's make and serial, its owner, and GPS
 * coordinates (the GPS IFD), in `width`×`height` pixels of a two-colour pattern.
 */
export async function phoneJpeg(width = 1200, height = 800) {
  const half = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#c05621"/><circle cx="${width / 2}" cy="${height / 2}" r="${Math.min(width, height) / 4}" fill="#1e40af"/></svg>`,
  );
  return sharp(half)
    .withExif({
      IFD0: { Make: PLANTED.make, Model: PLANTED.model, Copyright: PLANTED.owner },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: "40/1 25/1 0/1", GPSLongitudeRef: "W", GPSLongitude: "3/1 42/1 0/1" },
    })
    .jpeg({ quality: 90 })
    .toBuffer();
}

/** A PNG of one colour. */
export function plainPng(width = 300, height = 200) {
  return sharp({ create: { width, height, channels: 3, background: "#166534" } }).png().toBuffer();
}

/** Text that calls itself an image: what a file named "photo.jpg" may really hold. */
export const NOT_AN_IMAGE = Buffer.from("<script>alert('not a picture')</script>\n".repeat(20));

/** What a WebP file is made of: its RIFF chunks' names (VP8/VP8L/VP8X, and EXIF, XMP , ICCP when present). */
export function webpChunks(bytes: Buffer) {
  expectWebp(bytes);
  const chunks: string[] = [];
  for (let offset = 12; offset + 8 <= bytes.length; ) {
    const name = bytes.toString("latin1", offset, offset + 4);
    const size = bytes.readUInt32LE(offset + 4);
    chunks.push(name);
    offset += 8 + size + (size % 2);
  }
  return chunks;
}

function expectWebp(bytes: Buffer) {
  if (bytes.toString("latin1", 0, 4) !== "RIFF" || bytes.toString("latin1", 8, 12) !== "WEBP") throw new Error("Not a WebP file");
}
