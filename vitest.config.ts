import { defineConfig } from "vitest/config";
import tsconfigPaths from "vite-tsconfig-paths";

// Unit and integration tests. A worker loads the app once and runs many test files
// (`isolate: false`: loading the app is most of a small test file's cost); each file starts
// from an empty database (tests/support/setup-db.ts). The Remix plugin is not loaded here.
export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
    setupFiles: ["tests/support/setup-db.ts"],
    environment: "node",
    pool: "forks",
    isolate: false,
    testTimeout: 20_000,
  },
});
