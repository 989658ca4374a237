import { vitePlugin as remix } from "@remix-run/dev";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";
import remixConfig from "./remix.config.js";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig(({ isSsrBuild }) => ({
  plugins: [tailwindcss(), remix(remixConfig), tsconfigPaths()],
  server: { port: 3000 },
  build: {
    target: "es2022",
    // Vite's client manifest (build/.vite/client-manifest.json, not served): bench/route-javascript.ts
    // reads which chunks each page loads, and which it fetches later (the editor).
    manifest: true,
    // Terser packs the browser's code ~3.5 % tighter than esbuild, which keeps the ideas list and
    // an idea's page under their 100 kB budget (docs/performance.md); it costs ~10 s of build.
    // As ES modules (top-level names mangled too), three passes, no comments: ~0.7 kB less.
    // The server's bundle is not minified: nobody downloads it, the build is faster, and its CPU
    // profiles name the app's functions (bench/profile-summary.ts).
    minify: isSsrBuild ? false : "terser",
    terserOptions: { ecma: 2020, module: true, compress: { passes: 3 }, format: { comments: false } },
  },
  ssr: {
    // Native modules stay outside the server bundle.
    external: ["better-sqlite3", "@node-rs/argon2"],
  },
}));
