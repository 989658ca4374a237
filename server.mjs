// The HTTP server: security headers, static files, the request guard, then Remix.
// `npm run dev` runs it with Vite's dev middleware; `npm start` with the production build.
//
// In production it runs one process per core (WEB_CONCURRENCY, default the number of cores;
// server-cluster.mjs): this file is then each worker. Development runs one process.
import cluster from "node:cluster";
import compression from "compression";
import express from "express";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import { bodyLimitFor } from "./app/lib/body-limits.mjs";
import { gatherWritesPerTurn } from "./app/lib/gathered-writes.mjs";
import { productionProblems, servedOverHttps, siteUrl, trustProxySetting } from "./app/lib/deployment.mjs";
import { readYourWrites } from "./app/lib/read-your-writes.mjs";
import { isAllowedOrigin } from "./app/lib/same-origin.mjs";

const production = process.env.NODE_ENV === "production";
const port = Number(process.env.PORT ?? 3000);

if (production) {
  const problems = productionProblems();
  if (problems.length > 0) {
    console.error(["Tertulia cannot start in production:", ...problems.map((problem) => `- ${problem}`)].join("\n"));
    process.exit(1);
  }
}
const site = siteUrl();

if (cluster.isPrimary) {
  const { serverProcesses, runCluster } = await import("./server-cluster.mjs");
  const processes = serverProcesses(process.env, production);
  if (processes > 1) {
    await runCluster(processes);
    // The primary only watches its workers: the rest of this file is theirs.
    await new Promise(() => {});
  }
}

const viteDevServer = production
  ? undefined
  : await import("vite").then((vite) => vite.createServer({ server: { middlewareMode: true } }));

const app = express();
app.disable("x-powered-by");
// Behind a proxy named by TRUST_PROXY, req.ip and req.protocol come from its X-Forwarded-* headers.
app.set("trust proxy", trustProxySetting());
// Brotli or gzip; Remix's writes are gathered per turn of the event loop before they reach it
// (gatherWritesPerTurn below, decision 0009).
app.use(compression());
// The strict headers (docs/security.md). The Content-Security-Policy lets a page run only its
// own files and the inline scripts that carry this response's nonce (Remix's and React's, given
// it through the load context): a script injected into a page does not run. Development serves
// Vite's own inline scripts, so the policy is sent in production only.
const PERMISSIONS_POLICY = ["accelerometer", "camera", "geolocation", "gyroscope", "magnetometer", "microphone", "payment", "usb", "browsing-topics"]
  .map((feature) => `${feature}=()`)
  .join(", ");
/** @param {string} nonce */
const contentSecurityPolicy = (nonce) =>
  [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    // React writes style attributes (widths of bars); styles cannot run script.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
app.use((request, response, next) => {
  const nonce = randomBytes(16).toString("base64");
  response.locals.cspNonce = nonce;
  response.set({
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": PERMISSIONS_POLICY,
    "Cross-Origin-Opener-Policy": "same-origin",
  });
  if (production) response.set("Content-Security-Policy", contentSecurityPolicy(nonce));
  if (servedOverHttps()) response.set("Strict-Transport-Security", "max-age=31536000");
  next();
});

/**
 * The files of `directory`, served at their own paths only: a request for anything else (every
 * page and data request) goes on without touching the disk. Its top-level names are read once.
 * @param {string} directory
 * @param {Parameters<typeof express.static>[1]} options
 * @returns {express.RequestHandler}
 */
function staticFiles(directory, options) {
  const names = new Set(fs.existsSync(directory) ? fs.readdirSync(directory) : []);
  const serve = express.static(directory, options);
  return (request, response, next) => (names.has(request.path.split("/")[1] ?? "") ? serve(request, response, next) : next());
}

if (viteDevServer) {
  app.use(viteDevServer.middlewares);
} else {
  app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
  app.use(staticFiles("build/client", { maxAge: "1h" }));
}
app.use(staticFiles("public", { maxAge: "1h" }));

// Methods Remix answers; anything else (OPTIONS, TRACE, WebDAV's…) is answered here, never
// handed to Remix, which throws on them for a data URL (a 500).
const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"]);
const SAFE_METHODS = new Set(["GET", "HEAD"]);

/**
 * A refusal of the request guard: plain text, or on the REST API its one JSON error shape
 * (`{ error: { code, message } }`, docs/api.md), which API clients parse whatever went wrong.
 * @param {express.Request} request
 * @param {express.Response} response
 * @param {number} status
 * @param {string} code
 * @param {string} text
 */
function refuse(request, response, status, code, text) {
  if (request.path.startsWith("/api/v1/")) return response.status(status).set("Cache-Control", "no-store").json({ error: { code, message: text } });
  return response.status(status).type("text/plain").send(text);
}

// The request guard, before Remix (docs/security.md): methods, the cross-site check against
// APP_URL, the body limit.
app.use((request, response, next) => {
  if (request.method === "OPTIONS") return response.status(204).set("Allow", "GET, HEAD, POST").end();
  if (!METHODS.has(request.method)) return refuse(request, response.set("Allow", "GET, HEAD, POST"), 405, "method_not_allowed", "Method Not Allowed");
  // Remix builds the request's URL from X-Forwarded-Host when there is one, and refuses (with
  // a 500) an action whose Origin does not match it: nobody in front of us is trusted to name
  // the host, the site's own is APP_URL's.
  delete request.headers["x-forwarded-host"];
  if (SAFE_METHODS.has(request.method)) return next();

  const { origin, referer } = request.headers;
  if (!isAllowedOrigin(request.method, { origin, referer }, request.path, site.origin)) {
    return refuse(request, response, 403, "forbidden", "Forbidden: this request did not come from this site.");
  }
  // The same check again in Remix compares the Origin with the Host header, which a proxy in
  // front may have rewritten: the request is the site's, so it is addressed to the site.
  request.headers.host = site.host;

  // A body larger than the route takes is refused before a byte of it is read. A body must say
  // its length (browsers always do): one streamed without (chunked) could only be cut off
  // mid-way, which the client sees as a broken connection rather than an answer.
  if (request.headers["transfer-encoding"] && request.headers["content-length"] === undefined) {
    response.set("Connection", "close");
    return refuse(request, response, 411, "length_required", "Length Required");
  }
  if (Number(request.headers["content-length"] ?? 0) > bodyLimitFor(request.path)) {
    response.set("Connection", "close");
    return refuse(request, response, 413, "payload_too_large", "Payload Too Large");
  }
  next();
});

// With read replicas, each request reads from a standby until it or its browser writes
// (app/lib/read-your-writes.mjs).
if (process.env.DATABASE_URL && process.env.DATABASE_REPLICA_URLS) app.use(readYourWrites);

const build = viteDevServer
  ? () => viteDevServer.ssrLoadModule("virtual:remix/server-build")
  : await import(pathToFileURL(path.resolve("build/server/index.js")).href);

app.all(
  "*",
  gatherWritesPerTurn,
  createRequestHandler({
    build,
    mode: production ? "production" : "development",
    // What loaders and actions know of the connection: the client's address (per-address rate
    // limits), and the nonce of this response's Content-Security-Policy (entry.server.tsx).
    getLoadContext: (request, response) => ({ clientAddress: request.ip, cspNonce: response.locals.cspNonce }),
  }),
);

// Email delivery and challenge announcements (app/jobs) run in one process only: this one when
// it runs alone, else the worker the cluster's primary chose (server-cluster.mjs).
const serverBuild = typeof build === "function" ? await build() : build;
const runsJobs = cluster.isPrimary || process.env.TERTULIA_BACKGROUND_JOBS === "1";
if (runsJobs) {
  serverBuild.entry.module.startBackgroundJobs();
  console.log(`Background jobs run in process ${process.pid}.`);
}

const server = app.listen(port, () => {
  console.log(`Tertulia is listening on http://localhost:${port} (process ${process.pid})`);
});

// Graceful shutdown (SIGTERM from a process manager, Ctrl-C, or the cluster's primary): take no
// new connections, let the requests under way finish, stop the jobs, then leave. Connections
// kept alive idle are closed so that they do not hold the exit back.
let stopping = false;
function shutDown() {
  if (stopping) return;
  stopping = true;
  if (runsJobs) serverBuild.entry.module.stopBackgroundJobs();
  server.close(() => process.exit(0));
  server.closeIdleConnections();
  setTimeout(() => {
    console.error("Requests still open after 10 s: leaving anyway.");
    process.exit(1);
  }, 10_000).unref();
}
process.once("SIGTERM", shutDown);
process.once("SIGINT", shutDown);
if (cluster.isWorker) process.on("message", (message) => message === "shutdown" && shutDown());
