// Measures what taking an uploaded image costs: a photo from a phone's camera at the 5 MB limit,
// decoded, turned, stripped and re-encoded into each stored size (processImage), per kind.
//   npx tsx bench/images.ts
// Prints the wall-clock time (median of 5) and the process CPU time per upload: sharp decodes on
// libuv's thread pool, so the CPU time can exceed the wall-clock time, and the event loop stays free.
import sharp from "sharp";
import { IMAGE_MAX_BYTES, processImage } from "~/lib/uploads/images.server";

/** Noise compresses badly: a 12-megapixel JPEG of it at quality 90 is about the limit. */
async function cameraSizedJpeg() {
  const width = 4000;
  const height = 3000;
  const noise = Buffer.alloc(width * height * 3);
  for (let i = 0; i < noise.length; i++) noise[i] = ((i * 2654435761) >>> 24) ^ (i % 251);
  let quality = 92;
  for (;;) {
    const jpeg = await sharp(noise, { raw: { width, height, channels: 3 } }).jpeg({ quality }).withMetadata({ orientation: 6 }).toBuffer();
    if (jpeg.length <= IMAGE_MAX_BYTES || quality < 30) return jpeg;
    quality -= 4;
  }
}

const photo = await cameraSizedJpeg();
console.log(`input: ${(photo.length / 1024 / 1024).toFixed(2)} MB JPEG, 4000×3000, EXIF orientation 6; sharp concurrency ${sharp.concurrency()}, libuv threads ${process.env.UV_THREADPOOL_SIZE ?? 4}`);
for (const kind of ["photo", "image"] as const) {
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let run = 0; run < 5; run++) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    const result = await processImage(photo, kind);
    walls.push(performance.now() - started);
    const used = process.cpuUsage(cpu);
    cpus.push((used.user + used.system) / 1000);
    if (!result.ok) throw new Error(result.reason);
  }
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  console.log(`${kind}: ${median(walls).toFixed(0)} ms wall-clock, ${median(cpus).toFixed(0)} ms CPU (median of 5)`);
}
