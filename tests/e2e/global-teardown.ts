import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** Removes this run's folder (its database and the admin's saved session). */
export default function globalTeardown() {
  const directory = process.env.TERTULIA_E2E_RUN_DIR;
  if (directory && path.dirname(directory) === os.tmpdir() && path.basename(directory).startsWith("tertulia-e2e-")) {
    fs.rmSync(directory, { recursive: true, force: true });
  }
}
