import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { IMAGE_MAX_BYTES, processImage } from "~/lib/uploads/images.server";
import { UPLOAD_WIDTHS } from "~/lib/upload-paths";
import { NOT_AN_IMAGE, phoneJpeg, PLANTED, plainPng, webpChunks } from "#tests/support/images";

describe("processImage", () => {
  it("re-encodes a photo as square WebPs of each size, without its metadata", async () => {
    const jpeg = await phoneJpeg(1200, 800);
    // The planted metadata is really there to begin with, GPS included (tag 0x8825, little-endian, points at its IFD).
    expect(jpeg.includes(PLANTED.model)).toBe(true);
    expect((await sharp(jpeg).metadata()).exif?.includes(Buffer.from([0x25, 0x88]))).toBe(true);

    const processed = await processImage(jpeg, "photo");
    expect(processed.ok).toBe(true);
    if (!processed.ok) return;
    expect(processed.value.variants.map((variant) => variant.width).sort((a, b) => a - b)).toEqual([...UPLOAD_WIDTHS.photo]);
    for (const variant of processed.value.variants) {
      expect(webpChunks(variant.bytes)).toEqual(["VP8 "]);
      for (const word of Object.values(PLANTED)) expect(variant.bytes.includes(word)).toBe(false);
      const meta = await sharp(variant.bytes).metadata();
      expect(meta).toMatchObject({ format: "webp", width: variant.width, height: variant.width });
      expect(meta.exif).toBeUndefined();
    }
  });

  it("keeps other images' proportions and never enlarges them", async () => {
    const processed = await processImage(await plainPng(300, 200), "image");
    if (!processed.ok) throw new Error(processed.reason);
    expect(processed.value).toMatchObject({ width: 300, height: 200 });
    for (const variant of processed.value.variants) expect(await sharp(variant.bytes).metadata()).toMatchObject({ width: 300, height: 200 });

    const large = await processImage(await plainPng(2400, 1200), "image");
    if (!large.ok) throw new Error(large.reason);
    const sizes = await Promise.all(large.value.variants.map(async (variant) => (await sharp(variant.bytes).metadata()).width));
    expect(sizes.sort((a, b) => a! - b!)).toEqual([800, 1600]);
  });

  it("turns a photo the way its EXIF orientation says, then forgets the tag", async () => {
    // 100×50 pixels stored with "rotate 90°": it is shown 50 wide and 100 high.
    const rotated = await sharp({ create: { width: 100, height: 50, channels: 3, background: "#000" } }).withMetadata({ orientation: 6 }).jpeg().toBuffer();
    const processed = await processImage(rotated, "image");
    if (!processed.ok) throw new Error(processed.reason);
    expect(processed.value).toMatchObject({ width: 50, height: 100 });
  });

  it("refuses what is not an image, whatever it is called", async () => {
    expect(await processImage(NOT_AN_IMAGE, "photo")).toEqual({ ok: false, reason: "notAnImage" });
    // A JPEG's first bytes and nothing after them.
    const truncated = (await phoneJpeg(400, 400)).subarray(0, 300);
    expect(await processImage(truncated, "photo")).toEqual({ ok: false, reason: "notAnImage" });
  });

  it("refuses formats it does not take (GIF, SVG) and files over the limit", async () => {
    const gif = await sharp({ create: { width: 10, height: 10, channels: 3, background: "#fff" } }).gif().toBuffer();
    expect(await processImage(gif, "image")).toEqual({ ok: false, reason: "unsupportedFormat" });
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>');
    expect(await processImage(svg, "image")).toEqual({ ok: false, reason: "unsupportedFormat" });
    expect(await processImage(Buffer.alloc(IMAGE_MAX_BYTES + 1), "image")).toEqual({ ok: false, reason: "tooLarge" });
  });
});
