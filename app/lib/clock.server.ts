import fs from "node:fs";

/**
 * The current time, for domain code whose rules depend on it (challenge phases). Tests move it
 * without sleeping: unit and integration tests with `setClock`, browser tests through the file
 * named by `CLOCK_OFFSET_FILE` (milliseconds to add to the real time), which only the test
 * server is started with.
 */
let fixed: (() => Date) | null = null;

export function now(): Date {
  if (fixed) return fixed();
  const offsetFile = process.env.CLOCK_OFFSET_FILE;
  if (offsetFile) return new Date(Date.now() + readOffset(offsetFile));
  return new Date();
}

function readOffset(file: string) {
  try {
    const offset = Number(fs.readFileSync(file, "utf8").trim());
    return Number.isFinite(offset) ? offset : 0;
  } catch {
    return 0;
  }
}

/** Tests only: pins the clock to a time (or a function of it); `setClock(null)` restores it. */
export function setClock(time: Date | (() => Date) | null) {
  fixed = time === null ? null : typeof time === "function" ? time : () => new Date(time.getTime());
}
