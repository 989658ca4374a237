import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, defineConfig } from "@playwright/test";

// End-to-end tests run the production build (`npm run test:e2e` builds first) on their own
// port with a fresh database, in Playwright's Chromium if installed, else Debian's.
//
// The config is loaded by the runner and again by every worker. The runner names a new
// folder for this run (the server creates it with the database; the setup test saves the
// admin's session there); the workers inherit its path and the port through the environment.
// tests/e2e/global-teardown.ts removes it.
const RUN_DIRECTORY_VARIABLE = "TERTULIA_E2E_RUN_DIR"; // read by tests/e2e/support.ts
process.env[RUN_DIRECTORY_VARIABLE] ||= path.join(
  os.tmpdir(),
  `tertulia-e2e-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
);
const runDirectory = process.env[RUN_DIRECTORY_VARIABLE];

/** A port nobody listens on now: asked of the system by a short child process (config loading is synchronous). */
function freePort(): number {
  const probe = spawnSync(
    process.execPath,
    ["-e", "const s = require('node:net').createServer(); s.listen(0, () => { console.log(s.address().port); s.close(); });"],
    { encoding: "utf8", timeout: 10_000 },
  );
  const found = Number(probe.stdout?.trim());
  return Number.isInteger(found) && found > 0 ? found : 3950;
}

// Production does not start without a real SESSION_SECRET (docs/security.md); the servers the
// tests start (here and in tests/e2e/server.e2e.ts) inherit this one.
process.env.SESSION_SECRET ||= "e2e-session-secret-for-tests-only-0123456789";

// E2E_PORT chooses the port; otherwise the runner picks a free one and the workers inherit it.
process.env.E2E_PORT ||= String(freePort());
const port = Number(process.env.E2E_PORT);
const baseURL = `http://localhost:${port}`;
// The company's OpenID Connect provider the tests sign in through (tests/e2e/support/oidc-provider.mjs).
process.env.E2E_OIDC_PORT ||= String(freePort());
const oidcIssuer = `http://localhost:${process.env.E2E_OIDC_PORT}`;

/** Playwright's own Chromium if it is installed (undefined: let Playwright use it), else Debian's. */
function chromiumExecutable(): string | undefined {
  const bundled = chromium.executablePath();
  if (bundled && fs.existsSync(bundled)) return undefined;
  if (fs.existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  throw new Error(
    "No Chromium found. Install Playwright's (npx playwright install chromium) or Debian's (apt-get install chromium), then run the tests again.",
  );
}

export default defineConfig({
  testDir: "tests/e2e",
  testMatch: /.*\.e2e\.ts/,
  fullyParallel: false,
  // One server and one database for the whole run; the setup project goes first.
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: [["list"]],
  timeout: 60_000,
  expect: { timeout: 10_000 },
  globalTeardown: "./tests/e2e/global-teardown.ts",
  use: {
    baseURL,
    locale: "en-US",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: chromiumExecutable(),
      // Root in a sandboxed machine with no outside network.
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    // /setup works once per database: this project runs it and saves the admin's session.
    { name: "setup", testMatch: /setup\.e2e\.ts/ },
    // two-servers.e2e.ts belongs to the PostgreSQL run (playwright.pg.config.ts).
    { name: "journeys", testIgnore: /(setup|two-servers)\.e2e\.ts/, dependencies: ["setup"] },
  ],
  webServer: [
    {
      command: "node tests/e2e/support/oidc-provider.mjs",
      url: `${oidcIssuer}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: "ignore",
      stderr: "pipe",
      env: { OIDC_PORT: process.env.E2E_OIDC_PORT },
    },
    {
      command: "node server.mjs",
      url: `${baseURL}/healthz`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "ignore",
      stderr: "pipe",
      env: {
        NODE_ENV: "production",
        PORT: String(port),
        SESSION_SECRET: process.env.SESSION_SECRET,
        DATABASE_PATH: path.join(runDirectory, "tertulia.db"),
        // Milliseconds the server's clock runs ahead (app/lib/clock.server.ts); moveClock in tests/e2e/support.ts writes it.
        CLOCK_OFFSET_FILE: path.join(runDirectory, "clock-offset"),
        // Background jobs (app/jobs) every half second, so news follows a moved clock quickly.
        JOBS_INTERVAL_MS: "500",
        MAIL_DIRECTORY: path.join(runDirectory, "mail"),
        // Every request of the run comes from one address: per-address limits ten times higher.
        RATE_LIMIT_MULTIPLIER: "10",
        UPLOADS_DIR: path.join(runDirectory, "uploads"),
        OIDC_PROVIDERS: JSON.stringify([{ id: "acme", label: "Acme sign-in", issuer: oidcIssuer, clientId: "tertulia", clientSecret: "e2e client secret" }]),
      },
    },
  ],
});
