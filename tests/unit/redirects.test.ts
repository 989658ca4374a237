import { describe, expect, it } from "vitest";
import { safeRedirect } from "~/web/redirects";

// The site's address in tests is APP_URL = http://tertulia.test (tests/support/setup-db.ts).
describe("safeRedirect", () => {
  it.each([
    ["/ideas/4?x=1#comment-2", "/ideas/4?x=1#comment-2"],
    ["/", "/"],
    ["/ideas/new", "/ideas/new"],
    ["ideas/4", "/ideas/4"],
    ["http://tertulia.test/ideas/4?sort=new", "/ideas/4?sort=new"],
    ["HTTP://TERTULIA.TEST/admin", "/admin"],
    ["/ideas/é?q=ñandú", "/ideas/%C3%A9?q=%C3%B1and%C3%BA"],
    ["/?q=100%25", "/?q=100%25"],
  ])("follows %j to %j", (target, path) => {
    expect(safeRedirect(target, "/fallback")).toBe(path);
  });

  it.each([
    // Another host, however it is written.
    "//evil.example",
    "//evil.example/path",
    "///evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "\\/evil.example",
    "https://evil.example/steal",
    "http://tertulia.test.evil.example/",
    "http://tertulia.test@evil.example/",
    "http://tertulia.test:8080/",
    "https://tertulia.test/",
    "/.//evil.example",
    "/..//evil.example",
    // Control characters browsers drop (tab, CR, LF) or choke on, raw or encoded.
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r/evil.example",
    "/%09/evil.example",
    "/%0A/evil.example",
    "/%0d/evil.example",
    "/%00",
    "/ideas/1\u0085",
    // Encoded slashes and backslashes.
    "%2F%2Fevil.example",
    "/%2F%2Fevil.example",
    "/%2fevil.example",
    "/%5Cevil.example",
    "%5C%5Cevil.example",
    // Other schemes.
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    // Broken encoding.
    "/%E0%A4%A",
    "",
  ])("refuses %j", (target) => {
    expect(safeRedirect(target, "/fallback")).toBe("/fallback");
  });

  it("answers null without a fallback, and the fallback for a missing or absurdly long target", () => {
    expect(safeRedirect(`/${"a".repeat(3000)}`, "/")).toBe("/");
    expect(safeRedirect("//evil.example")).toBeNull();
    expect(safeRedirect(null, "/")).toBe("/");
    expect(safeRedirect(undefined, "/")).toBe("/");
  });
});
