import { defineConfig } from "vitest/config";
import tsconfigPaths from "vite-tsconfig-paths";

// The PostgreSQL pass: `npm run test:pg` (scripts/test-postgres.mjs starts a throw-away
// cluster). The whole unit and integration suite again, on PostgreSQL, plus tests/postgres
// (what only PostgreSQL has: retries, several servers, the export). Each worker process gets
// its own database, cloned from a migrated template (tests/support/postgres-global-setup.ts,
// setup-postgres.ts) and emptied before each file (setup-db.ts), as on SQLite.
export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts", "tests/postgres/**/*.test.ts"],
    globalSetup: ["tests/support/postgres-global-setup.ts"],
    setupFiles: ["tests/support/setup-postgres.ts", "tests/support/setup-db.ts"],
    environment: "node",
    pool: "forks",
    isolate: false,
    testTimeout: 20_000,
  },
});
