import { describe, expect, it } from "vitest";
import { isAllowedOrigin } from "~/lib/same-origin.mjs";

describe("isAllowedOrigin", () => {
  const site = "https://ideas.example.com";
  const post = (headers: { origin?: string; referer?: string }, pathname = "/login", method = "POST") => isAllowedOrigin(method, headers, pathname, site);

  it("lets safe methods through whatever their origin", () => {
    expect(post({ origin: "https://evil.example" }, "/", "GET")).toBe(true);
    expect(post({}, "/", "HEAD")).toBe(true);
  });

  it("accepts a POST from the site itself, as APP_URL names it", () => {
    expect(post({ origin: "https://ideas.example.com" })).toBe(true);
    expect(isAllowedOrigin("post", { origin: "http://localhost:3000" }, "/login", "http://localhost:3000")).toBe(true);
  });

  it("refuses a POST from another site, scheme, port or a look-alike host", () => {
    expect(post({ origin: "https://evil.example" })).toBe(false);
    expect(post({ origin: "http://ideas.example.com" })).toBe(false);
    expect(post({ origin: "https://ideas.example.com:8443" })).toBe(false);
    expect(post({ origin: "https://ideas.example.com.evil.example" }, "/login", "DELETE")).toBe(false);
  });

  it("falls back to the Referer only when there is no Origin; an opaque Origin (null) is refused", () => {
    expect(post({ referer: "https://ideas.example.com/ideas/1" })).toBe(true);
    expect(post({ referer: "https://evil.example/x" })).toBe(false);
    expect(post({ origin: "null", referer: "https://ideas.example.com/ideas/1" })).toBe(false);
    expect(post({ origin: "null", referer: "https://evil.example/x" })).toBe(false);
  });

  it("lets mail clients post a one-click unsubscribe, which carries its own signed token", () => {
    expect(post({}, "/unsubscribe")).toBe(true);
    expect(post({}, "/login")).toBe(false);
  });

  it("lets API clients write under /api/v1/, where the key and not a cookie is the authority", () => {
    expect(post({}, "/api/v1/ideas")).toBe(true);
    expect(post({ origin: "https://evil.example" }, "/api/v1/ideas/1/votes", "DELETE")).toBe(true);
    expect(post({}, "/api/v1")).toBe(false);
    expect(post({}, "/api")).toBe(false);
  });

  it("refuses a POST that names no origin at all, or a malformed one", () => {
    expect(post({})).toBe(false);
    expect(post({ origin: "not a url" })).toBe(false);
  });
});
