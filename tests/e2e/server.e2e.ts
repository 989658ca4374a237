import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import zlib from "node:zlib";
import { expect, test } from "@playwright/test";

/** A response exactly as it came over the wire: status, headers and the body still compressed. */
function rawGet(url: string, headers: Record<string, string>) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    http
      .get(url, { headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      })
      .on("error", reject);
  });
}

test("a page is compressed as one piece, not chunk by chunk; static files are served at their own paths", async ({ baseURL }) => {
  const page = await rawGet(`${baseURL}/`, { "accept-encoding": "gzip", "user-agent": "Mozilla/5.0 Chrome/131.0" });
  expect(page.status).toBe(200);
  expect(page.headers["content-encoding"]).toBe("gzip");
  const html = zlib.gunzipSync(page.body);
  expect(html.toString()).toContain("</html>");
  // Flushed after every chunk, a page came out at about twice the size of the same HTML gzipped at once.
  expect(page.body.length).toBeLessThan(zlib.gzipSync(html).length * 1.2);

  const icon = await rawGet(`${baseURL}/favicon.svg`, {});
  expect(icon.status).toBe(200);
  expect(icon.headers["content-type"]).toContain("image/svg+xml");
  expect(icon.headers["cache-control"]).toBe("public, max-age=3600");
});

/** A request as a client other than a browser may send it: any method, headers and body (or only the start of one). */
function rawRequest(url: string, options: { method: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }>((resolve, reject) => {
    const request = http.request(url, { method: options.method, headers: options.headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString() }));
    });
    request.on("error", reject);
    request.end(options.body);
  });
}

test("the request guard answers what no form of ours sends with a 4xx, before Remix or the body is read", async ({ baseURL }) => {
  const site = baseURL!;
  // Issue 11: `Origin: null` with a same-site Referer, and OPTIONS to a data URL from another site, were 500s.
  const opaque = await rawRequest(`${site}/login`, { method: "POST", headers: { Origin: "null", Referer: `${site}/login`, "Content-Type": "application/x-www-form-urlencoded" }, body: "email=a" });
  expect(opaque.status).toBe(403);
  const preflight = await rawRequest(`${site}/login.data`, { method: "OPTIONS", headers: { Origin: "https://evil.example", "Access-Control-Request-Method": "POST" } });
  expect(preflight.status).toBe(204);
  expect(preflight.headers["access-control-allow-origin"]).toBeUndefined();
  expect((await rawRequest(`${site}/`, { method: "PROPFIND" })).status).toBe(405);
  // A Host or X-Forwarded-Host of another name changes nothing: the site is APP_URL.
  const forwarded = await rawRequest(`${site}/login`, { method: "POST", headers: { Origin: site, "X-Forwarded-Host": "evil.example", "Content-Type": "application/json" }, body: "{}" });
  expect(forwarded.status).toBe(415);
  // The error page says what was wrong (not "something went wrong on our side").
  expect(forwarded.text).toContain("This request could not be read");

  // 100 MB announced: refused at once, without waiting for (or reading) the body.
  const huge = await new Promise<number>((resolve, reject) => {
    const request = http.request(`${site}/login`, { method: "POST", headers: { Origin: site, "Content-Type": "application/x-www-form-urlencoded", "Content-Length": String(100 * 1024 * 1024) } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on("error", reject);
    request.write("email=");
  });
  expect(huge).toBe(413);
  // A body must say its length (browsers always do).
  const chunked = await rawRequest(`${site}/login`, { method: "POST", headers: { Origin: site, "Content-Type": "application/x-www-form-urlencoded", "Transfer-Encoding": "chunked" }, body: "email=a" });
  expect(chunked.status).toBe(411);
  const broken = await rawRequest(`${site}/login`, { method: "POST", headers: { Origin: site, "Content-Type": "multipart/form-data; boundary=x" }, body: "--x\r\nnot a part" });
  expect(broken.status).toBe(400);

  // A cookie that does not decode is no session, no time zone and no language, on every page.
  for (const cookie of ["tertulia_session=%E0%A4%A", "tz=%zz", "tertulia_lng=%", "tz=%E0%A4%A; tertulia_lng=%zz"]) {
    expect((await rawRequest(`${site}/`, { method: "GET", headers: { Cookie: cookie } })).status, cookie).toBe(200);
  }
});

test("the Content-Security-Policy runs the page's own scripts and blocks an injected one; the strict headers are sent", async ({ page, baseURL }) => {
  // Each violation the page reports, recorded from before its first script (init scripts are not subject to the policy).
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener("securitypolicyviolation", (event) => seen.push(`${event.effectiveDirective} ${event.blockedURI}`));
  });
  // The page as the server sent it, with a script slipped in the way stored XSS would be.
  await page.route(`${baseURL}/team`, async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace("</main>", "<script>window.injected = true;</script></main>");
    // The body is passed on decoded: its length and encoding change.
    const headers = response.headers();
    delete headers["content-encoding"];
    delete headers["content-length"];
    await route.fulfill({ status: response.status(), headers, body: html });
  });
  const response = await page.goto("/team");
  const headers = response!.headers();
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}'/);
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["content-security-policy"]).not.toMatch(/script-src[^;]*unsafe-inline/);
  expect(headers["permissions-policy"]).toContain("camera=()");
  expect(headers["cross-origin-opener-policy"]).toBe("same-origin");
  // Served over http here (APP_URL): no HSTS.
  expect(headers["strict-transport-security"]).toBeUndefined();

  // The app's own scripts ran (Remix hydrated: its router is there) ...
  await expect.poll(() => page.evaluate(() => "__remixRouter" in window)).toBe(true);
  // ... the injected one did not, and it is the only thing the policy stopped.
  expect(await page.evaluate(() => (window as unknown as { injected?: boolean }).injected)).toBeUndefined();
  const violations = await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
  expect(violations).toHaveLength(1);
  expect(violations[0]).toMatch(/^script-src(-elem)? inline$/);
  // Each response has its own nonce.
  const again = await page.request.get("/team");
  expect(again.headers()["content-security-policy"]).not.toBe(headers["content-security-policy"]);
});

test.describe("one server process per core", () => {
  /** `node server.mjs` as production runs it, with WEB_CONCURRENCY workers, on its own port and database; its output as lines. */
  async function startCluster(workers: number) {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), "tertulia-cluster-"));
    const port = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, () => {
        const { port: free } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(free));
      });
    });
    const primary = spawn(process.execPath, ["server.mjs"], {
      env: { ...process.env, NODE_ENV: "production", PORT: String(port), WEB_CONCURRENCY: String(workers), DATABASE_PATH: path.join(directory, "tertulia.db"), MAIL_DIRECTORY: path.join(directory, "mail"), JOBS_INTERVAL_MS: "200" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const lines: string[] = [];
    for (const stream of [primary.stdout, primary.stderr]) createInterface({ input: stream }).on("line", (line) => lines.push(line));
    const exited = new Promise<number | null>((resolve) => primary.once("exit", (code) => resolve(code)));
    const jobRunners = () => lines.flatMap((line) => /^Background jobs run in process (\d+)\./.exec(line)?.[1] ?? []).map(Number);
    const workerPids = () => lines.flatMap((line) => /^Tertulia is listening on .* \(process (\d+)\)$/.exec(line)?.[1] ?? []).map(Number);
    return { primary, lines, exited, jobRunners, workerPids, port, remove: () => fs.rmSync(directory, { recursive: true, force: true }) };
  }
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };

  test("keeps exactly one background-job runner, replaces a worker that dies, and stops gracefully", async () => {
    test.setTimeout(60_000);
    const cluster = await startCluster(2);
    try {
      await expect.poll(() => cluster.workerPids().length, { timeout: 30_000 }).toBe(2);
      expect(cluster.jobRunners()).toHaveLength(1);
      const [runner] = cluster.jobRunners();
      expect(cluster.workerPids()).toContain(runner);
      expect((await fetch(`http://127.0.0.1:${cluster.port}/healthz`)).ok).toBe(true);

      // The runner dies: its replacement runs the jobs, and still only one process does.
      process.kill(runner!, "SIGKILL");
      await expect.poll(() => cluster.workerPids().length, { timeout: 30_000 }).toBe(3);
      expect(cluster.jobRunners()).toHaveLength(2);
      const replacement = cluster.jobRunners()[1]!;
      expect(replacement).not.toBe(runner);
      expect(cluster.workerPids().filter(alive)).toHaveLength(2);
      expect(cluster.jobRunners().filter(alive)).toEqual([replacement]);

      // A worker that is not the runner dies: its replacement runs no jobs.
      const other = cluster.workerPids().find((pid) => alive(pid) && pid !== replacement)!;
      process.kill(other, "SIGKILL");
      await expect.poll(() => cluster.workerPids().length, { timeout: 30_000 }).toBe(4);
      expect(cluster.jobRunners()).toHaveLength(2);

      cluster.primary.kill("SIGTERM");
      expect(await cluster.exited).toBe(0);
      expect(cluster.workerPids().filter(alive)).toEqual([]);
    } finally {
      cluster.primary.kill("SIGKILL");
      cluster.remove();
    }
  });
});
