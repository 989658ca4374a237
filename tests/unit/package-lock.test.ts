import fs from "node:fs";
import { describe, expect, it } from "vitest";

type LockPackage = { version: string; optionalDependencies?: Record<string, string> };
const lock = JSON.parse(fs.readFileSync("package-lock.json", "utf8")) as { packages: Record<string, LockPackage> };

// A lock file written on Linux must still install on a Mac or Windows: `npm ci` refuses a lock
// that lacks any platform's native build of the bundler (rollup), of Tailwind's engine (oxide) or of the image library (sharp).
describe("package-lock.json", () => {
  it.each(["rollup", "@tailwindcss/oxide", "sharp"])("lists every platform's native build of %s", (name) => {
    const entry = lock.packages[`node_modules/${name}`];
    expect(entry, `${name} is not in the lock file`).toBeDefined();
    const platforms = Object.keys(entry!.optionalDependencies ?? {});
    expect(platforms.length).toBeGreaterThan(5);
    const missing = platforms.filter((platform) => !lock.packages[`node_modules/${platform}`]);
    expect(missing).toEqual([]);
  });
});
