import { defineConfig } from "vitest/config";
import tsconfigPaths from "vite-tsconfig-paths";

// Unit and integration tests. Each test file gets its own throw-away SQLite database
// (see tests/support/setup-db.ts); the Remix plugin is not loaded here.
export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
    setupFiles: ["tests/support/setup-db.ts"],
    environment: "node",
    pool: "forks",
    testTimeout: 20_000,
  },
});
