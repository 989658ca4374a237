import { describe, expect, it } from "vitest";
import { loader } from "~/routes/healthz";
import { loader as notFoundLoader } from "~/routes/$";
import { call } from "#tests/support/fixtures";

describe("/healthz", () => {
  it("answers JSON with the database check, never cached", async () => {
    const response = loader();
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    expect(await response.json()).toEqual({ status: "ok", database: "ok" });
  });
});

describe("unknown pages", () => {
  it("answer 404", async () => {
    expect(((await call(() => notFoundLoader())) as Response).status).toBe(404);
  });
});
