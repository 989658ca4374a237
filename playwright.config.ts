import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, defineConfig } from "@playwright/test";

// End-to-end tests run the production build (`npm run test:e2e` builds first) on their own
// port with a fresh database, in Playwright's Chromium if installed, else Debian's.
const port = Number(process.env.E2E_PORT ?? 3950);
const baseURL = `http://localhost:${port}`;
const databaseDirectory = fs.mkdtempSync(path.join(os.tmpdir(), "tertulia-e2e-"));

function findChromium() {
  const bundled = chromium.executablePath();
  if (bundled && fs.existsSync(bundled)) return undefined; // Playwright's own browser
  if (fs.existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  throw new Error(
    "No Chromium found for the browser tests. Install Playwright's (`npx playwright install chromium`) " +
      "or Debian's (`apt-get install chromium`), then run `npm test` again.",
  );
}

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [["list"]],
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: findChromium(),
      // Root in a sandboxed machine with no outside network.
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  projects: [
    { name: "setup", testMatch: /setup\.e2e\.ts/ },
    { name: "journeys", testMatch: /.*\.e2e\.ts/, testIgnore: /setup\.e2e\.ts/, dependencies: ["setup"] },
  ],
  webServer: {
    command: "node server.mjs",
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: { NODE_ENV: "production", PORT: String(port), DATABASE_PATH: path.join(databaseDirectory, "e2e.db") },
  },
});
