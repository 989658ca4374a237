import http from "node:http";
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
