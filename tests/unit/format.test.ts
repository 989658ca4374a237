import { describe, expect, it } from "vitest";
import { formatDuration, formatRelative, formatters, formatZonedDateTime } from "~/lib/format";

const moment = Date.UTC(2026, 2, 5, 17, 30);

describe("formatters", () => {
  it("formats in the reader's language, however the calls for two languages interleave", () => {
    const english = formatters("en");
    const spanish = formatters("es");
    expect(english.formatDate(moment)).toBe("March 5, 2026");
    expect(spanish.formatDate(moment)).toBe("5 de marzo de 2026");
    expect(formatters("en").formatNumber(1234.5)).toBe("1,234.5");
    expect(formatters("es").formatNumber(12345.5)).toBe("12.345,5");
    expect(formatters("en").formatDateTime(moment)).toBe(english.formatDateTime(moment));
    expect(formatters("es").formatDateTime(moment)).not.toBe(formatters("en").formatDateTime(moment));
  });

  it("makes each language's formatters once and hands the same ones back", () => {
    expect(formatters("es")).toBe(formatters("es"));
    expect(formatters("en")).not.toBe(formatters("es"));
  });

  it("says how long ago in the reader's language", () => {
    const now = moment + 3 * 24 * 3600_000;
    expect(formatRelative("en", moment, now)).toBe("3 days ago");
    expect(formatRelative("es", moment, now)).toBe("hace 3 días");
    expect(formatRelative("en", moment, now)).toBe("3 days ago");
  });
});

describe("formatZonedDateTime", () => {
  it("shows the moment in the reader's own time zone and language, without mixing them up", () => {
    const cases = [
      ["en", "Europe/Madrid", "6:30"],
      ["en", "America/New_York", "12:30"],
      ["es", "Europe/Madrid", "18:30"],
      ["es", "America/New_York", "12:30"],
    ] as const;
    // Twice round, so that the second round is served from what the first one made.
    for (let round = 0; round < 2; round++) {
      for (const [locale, timeZone, time] of cases) {
        const text = formatZonedDateTime(locale, timeZone, moment);
        expect(text).toContain(time);
        expect(text).toContain(locale === "en" ? "Thursday" : "jueves");
      }
    }
    expect(formatZonedDateTime("en", "Europe/Madrid", moment)).toContain("GMT+1");
    expect(formatZonedDateTime("en", "America/New_York", moment)).toContain("EST");
  });
});

describe("formatDuration", () => {
  const HOUR = 3600_000;
  it("says how long in the largest whole unit, in the reader's language, long or narrow", () => {
    expect(formatDuration("en", 26 * HOUR)).toBe("1 day");
    expect(formatDuration("en", 4.9 * 24 * HOUR)).toBe("4 days");
    expect(formatDuration("es", 4.9 * 24 * HOUR)).toBe("4 días");
    expect(formatDuration("en", 5 * HOUR)).toBe("5 hours");
    expect(formatDuration("es", 25 * 60_000)).toBe("25 minutos");
    expect(formatDuration("en", 10_000)).toBe("1 minute");
    expect(formatDuration("en", 4 * 24 * HOUR, "narrow")).toBe("4d");
    expect(formatters("es").formatDuration(3 * HOUR, "narrow")).toBe("3h");
  });
});
