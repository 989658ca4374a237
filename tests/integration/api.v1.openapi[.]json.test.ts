import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "~/domain/api-keys.server";
import { apiRouteModules, startApiServer } from "#tests/support/api-server";
import { accepted, ensureSite, makePerson } from "#tests/support/fixtures";

let server: Awaited<ReturnType<typeof startApiServer>>;
let key = "";
let document: { openapi: string; paths: Record<string, Record<string, { responses: Record<string, unknown> }>>; components: { schemas: Record<string, unknown> } };

beforeAll(async () => {
  await ensureSite();
  key = accepted(await createApiKey({ name: "Checker", scope: "read_write", adminId: (await makePerson("admin")).id })).token;
  server = await startApiServer();
  const response = await fetch(server.url("/api/v1/openapi.json"));
  expect(response.status).toBe(200);
  document = (await response.json()) as typeof document;
});

afterAll(async () => {
  await server.close();
});

/** "api/v1/ideas/:id/votes" → "/ideas/{id}/votes", the document's spelling. */
const documentPath = (routePath: string) => routePath.replace(/^api\/v1/, "").replace(/:(\w+)/g, "{$1}");
const METHODS = ["get", "post", "put", "patch", "delete"] as const;

describe("GET /api/v1/openapi.json", () => {
  it("is an OpenAPI 3.1 document anyone may read, whose every reference resolves", () => {
    expect(document.openapi).toBe("3.1.0");
    const references = [...JSON.stringify(document).matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)].map((match) => match[1]!);
    expect(references.length).toBeGreaterThan(0);
    for (const name of references) expect(document.components.schemas, name).toHaveProperty(name);
  });

  it("lists exactly the API's routes: a path for every route module, a route module for every path", () => {
    const routed = apiRouteModules
      .map((route) => route.path)
      .filter((path) => path !== "api/v1/*" && path !== "api/v1/openapi.json")
      .map(documentPath)
      .sort();
    expect(Object.keys(document.paths).sort()).toEqual(routed);
  });

  it("documents exactly the methods each route answers: the others get 405", async () => {
    for (const route of apiRouteModules.filter((candidate) => !candidate.path.endsWith("*") && !candidate.path.endsWith(".json"))) {
      const documented = document.paths[documentPath(route.path)]!;
      const url = server.url(`/${route.path.replace(/:\w+/g, "1")}`);
      for (const method of METHODS) {
        const response = await fetch(url, { method: method.toUpperCase(), headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" }, body: method === "get" ? undefined : "{}" });
        const status = response.status;
        if (method in documented) {
          expect(status, `${method} ${route.path}`).not.toBe(405);
          expect(Object.keys(documented[method]!.responses), `${method} ${route.path} answered ${status}`).toContain(String(status));
        } else {
          expect(status, `${method} ${route.path}`).toBe(405);
        }
      }
    }
  });
});
