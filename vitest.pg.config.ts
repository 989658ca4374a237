import { defineConfig } from "vitest/config";
import tsconfigPaths from "vite-tsconfig-paths";

// The PostgreSQL pass: `npm run test:pg` (scripts/test-postgres.mjs starts a throw-away
// cluster). Each test file gets its own database cloned from a migrated template
// (tests/support/postgres-global-setup.ts, setup-postgres.ts) in DATABASE_URL.
// For now only what is ready for PostgreSQL runs here; phase two of issue 18 runs the whole
// unit and integration suite.
export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    include: ["tests/postgres/**/*.test.ts", "tests/integration/tables.test.ts"],
    globalSetup: ["tests/support/postgres-global-setup.ts"],
    setupFiles: ["tests/support/setup-postgres.ts"],
    environment: "node",
    pool: "forks",
    testTimeout: 20_000,
  },
});
