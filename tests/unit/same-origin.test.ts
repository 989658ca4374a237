import { describe, expect, it } from "vitest";
import { isAllowedOrigin } from "~/lib/same-origin.mjs";

describe("isAllowedOrigin", () => {
  const host = "ideas.example.com";

  it("lets safe methods through whatever their origin", () => {
    expect(isAllowedOrigin("GET", { host, origin: "https://evil.example" })).toBe(true);
    expect(isAllowedOrigin("HEAD", { host })).toBe(true);
  });

  it("accepts a POST from the site itself", () => {
    expect(isAllowedOrigin("POST", { host, origin: "https://ideas.example.com" })).toBe(true);
    expect(isAllowedOrigin("post", { host: "localhost:3000", origin: "http://localhost:3000" })).toBe(true);
  });

  it("refuses a POST from another site, port or a look-alike host", () => {
    expect(isAllowedOrigin("POST", { host, origin: "https://evil.example" })).toBe(false);
    expect(isAllowedOrigin("POST", { host: "localhost:3000", origin: "http://localhost:4000" })).toBe(false);
    expect(isAllowedOrigin("DELETE", { host, origin: "https://ideas.example.com.evil.example" })).toBe(false);
  });

  it("falls back to the Referer when the Origin is missing or opaque", () => {
    expect(isAllowedOrigin("POST", { host, referer: "https://ideas.example.com/ideas/1" })).toBe(true);
    expect(isAllowedOrigin("POST", { host, origin: "null", referer: "https://evil.example/x" })).toBe(false);
  });

  it("lets mail clients post a one-click unsubscribe, which carries its own signed token", () => {
    expect(isAllowedOrigin("POST", { host }, "/unsubscribe")).toBe(true);
    expect(isAllowedOrigin("POST", { host }, "/login")).toBe(false);
  });

  it("refuses a POST that names no origin at all, or a malformed one", () => {
    expect(isAllowedOrigin("POST", { host })).toBe(false);
    expect(isAllowedOrigin("POST", { host, origin: "not a url" })).toBe(false);
  });
});
