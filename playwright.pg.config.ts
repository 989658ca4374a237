import path from "node:path";
import { defineConfig } from "@playwright/test";
import base from "./playwright.config";

// The two-server browser run (issue 18): one walk through the main journeys
// (tests/e2e/two-servers.e2e.ts) against two app servers that share one PostgreSQL database,
// behind a load balancer that alternates every request between them
// (tests/e2e/support/round-robin.mjs). Run inside a throw-away cluster by `npm run test:e2e:pg`
// (scripts/test-postgres.mjs gives POSTGRES_TEST_URL; the servers use its fresh `postgres`
// database, the first to start migrates it under the lock), on the production build that
// `npm run test:e2e` made for the SQLite run. Everything else — the run's folder, its clock and
// mail folders, the browser — is the SQLite run's.
const postgresUrl = process.env.POSTGRES_TEST_URL;
if (!postgresUrl) throw new Error("playwright.pg.config.ts runs inside scripts/test-postgres.mjs (npm run test:e2e:pg), which sets POSTGRES_TEST_URL.");

const balancerPort = Number(process.env.E2E_PORT);
// The ports after the balancer's, skipping the OpenID provider's port that the SQLite run's
// config chose (the system often hands out free ports in sequence).
const serverPorts = [1, 2, 3].map((step) => balancerPort + step).filter((port) => port !== Number(process.env.E2E_OIDC_PORT)).slice(0, 2);
const baseURL = `http://localhost:${balancerPort}`;
// The SQLite run's app server, copied twice below (its OpenID provider is not needed here).
const sqliteServer = (Array.isArray(base.webServer) ? base.webServer : [base.webServer!]).find((server) => server.command === "node server.mjs")!;
const { OIDC_PROVIDERS: _withoutOpenId, ...serverEnvironment } = sqliteServer.env ?? {};

export default defineConfig({
  ...base,
  use: { ...base.use, baseURL },
  projects: [{ name: "two servers", testMatch: /two-servers\.e2e\.ts/ }],
  webServer: [
    ...serverPorts.map((port) => ({
      ...sqliteServer,
      url: `http://localhost:${port}/healthz`,
      env: {
        ...serverEnvironment,
        PORT: String(port),
        // The site's address is the balancer's: links in emails, and the one origin allowed to post.
        APP_URL: baseURL,
        DATABASE_URL: postgresUrl,
        // One process per server: the point is two servers, and the machine is small.
        WEB_CONCURRENCY: "1",
        DATABASE_POOL_SIZE: "4",
        DATABASE_PATH: path.join(process.env.TERTULIA_E2E_RUN_DIR!, "unused.db"),
        // Uploads in the database both share; a folder of each server's own, should they
        // fall back to the local store, would show in the walk as an image only one serves.
        UPLOADS_STORE: "database",
        UPLOADS_DIR: path.join(process.env.TERTULIA_E2E_RUN_DIR!, `uploads-${port}`),
      },
    })),
    {
      command: "node tests/e2e/support/round-robin.mjs",
      url: `${baseURL}/healthz`,
      reuseExistingServer: false,
      timeout: 10_000,
      stdout: "ignore",
      stderr: "pipe",
      env: { PORT: String(balancerPort), UPSTREAM_PORTS: serverPorts.join(",") },
    },
  ],
});
