// `npm start` serves the production build. On a fresh clone there is none yet, and after a
// pull it may be older than the code: build when either is true.
import { execSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const BUILD_ENTRY = "build/server/index.js";
const SOURCES = ["app", "db", "public", "package-lock.json", "vite.config.ts", "remix.config.js"];

/** @param {string} entry @returns {number} */
function newestChange(entry) {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...fs.readdirSync(entry).map((name) => newestChange(path.join(entry, name))));
}

const builtAt = fs.existsSync(BUILD_ENTRY) ? fs.statSync(BUILD_ENTRY).mtimeMs : 0;
if (builtAt < Math.max(...SOURCES.map(newestChange))) {
  console.log(builtAt ? "The code changed since the last build: rebuilding." : "No production build yet: building it.");
  execSync("npm run build", { stdio: "inherit" });
}
