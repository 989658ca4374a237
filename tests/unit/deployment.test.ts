import { describe, expect, it } from "vitest";
import { DEVELOPMENT_SESSION_SECRET, productionProblems, servedOverHttps, siteUrl, trustProxySetting } from "~/lib/deployment.mjs";

const SECRET = "a".repeat(32);

describe("what the deployment says", () => {
  it("the site's address is APP_URL, else this machine's port", () => {
    expect(siteUrl({ APP_URL: "https://ideas.example.com" }).origin).toBe("https://ideas.example.com");
    expect(siteUrl({ PORT: "4100" }).origin).toBe("http://localhost:4100");
    expect(siteUrl({}).origin).toBe("http://localhost:3000");
  });

  it("cookies are Secure (and HSTS sent) exactly when APP_URL is https", () => {
    expect(servedOverHttps({ APP_URL: "https://ideas.example.com" })).toBe(true);
    expect(servedOverHttps({ APP_URL: "http://ideas.example.com" })).toBe(false);
    expect(servedOverHttps({ NODE_ENV: "production" })).toBe(false);
  });

  it("production does not start without a real SESSION_SECRET, or with an APP_URL that is no address", () => {
    expect(productionProblems({ SESSION_SECRET: SECRET, APP_URL: "https://ideas.example.com" })).toEqual([]);
    expect(productionProblems({})).toEqual([expect.stringContaining("SESSION_SECRET is not set")]);
    expect(productionProblems({ SESSION_SECRET: DEVELOPMENT_SESSION_SECRET })).toEqual([expect.stringContaining("SESSION_SECRET is not set")]);
    expect(productionProblems({ SESSION_SECRET: "short" })).toEqual([expect.stringContaining("too short")]);
    expect(productionProblems({ SESSION_SECRET: SECRET, APP_URL: "ideas.example.com" })).toEqual([expect.stringContaining("APP_URL")]);
  });

  it("trusts a proxy only when TRUST_PROXY names one", () => {
    expect(trustProxySetting({})).toBe(false);
    expect(trustProxySetting({ TRUST_PROXY: "1" })).toBe(1);
    expect(trustProxySetting({ TRUST_PROXY: "loopback" })).toBe("loopback");
  });
});
