import { describe, expect, it } from "vitest";
import { isValidTimeZone, timeZoneFromRequest } from "~/lib/time-zone";

const withCookie = (cookie: string) => new Request("http://tertulia.test/", { headers: { Cookie: cookie } });

describe("timeZoneFromRequest", () => {
  it("reads the zone the browser reported", () => {
    expect(timeZoneFromRequest(withCookie("a=1; tz=Europe%2FMadrid"))).toBe("Europe/Madrid");
    expect(timeZoneFromRequest(withCookie("tz=America%2FNew_York"))).toBe("America/New_York");
  });

  it("falls back to UTC without a cookie, with a zone that does not exist, and with a mangled cookie", () => {
    expect(timeZoneFromRequest(new Request("http://tertulia.test/"))).toBe("UTC");
    expect(timeZoneFromRequest(withCookie("tz=Mars%2FOlympus"))).toBe("UTC");
    expect(timeZoneFromRequest(withCookie("tz=%E0%A4%A"))).toBe("UTC");
  });
});

describe("isValidTimeZone", () => {
  it("answers the same the second time, when it remembers the zone", () => {
    for (let round = 0; round < 2; round++) {
      expect(isValidTimeZone("Europe/Madrid")).toBe(true);
      expect(isValidTimeZone("Nowhere/Land")).toBe(false);
      expect(isValidTimeZone("")).toBe(false);
    }
  });
});
