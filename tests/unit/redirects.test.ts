import { describe, expect, it } from "vitest";
import { safeRedirect } from "~/web/redirects";

describe("safeRedirect", () => {
  it("only redirects within the site", () => {
    expect(safeRedirect("/ideas/4?x=1", "/")).toBe("/ideas/4?x=1");
    expect(safeRedirect("//evil.example/", "/")).toBe("/");
    expect(safeRedirect("/\\evil.example", "/")).toBe("/");
    expect(safeRedirect("javascript:alert(1)", "/")).toBe("/");
    expect(safeRedirect("https://evil.example/steal", "/")).toBe("/steal");
    expect(safeRedirect("", "/")).toBe("/");
  });
});
