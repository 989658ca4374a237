import { describe, expect, it } from "vitest";
import { loader as notFoundLoader } from "~/routes/$";
import { call } from "#tests/support/fixtures";

describe("unknown pages", () => {
  it("answer 404", async () => {
    expect(((await call(() => notFoundLoader())) as Response).status).toBe(404);
  });
});
