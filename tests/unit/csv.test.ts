import { describe, expect, it } from "vitest";
import { csvCell, csvLine } from "~/web/csv.server";

describe("csvCell", () => {
  it("leaves plain text, numbers and dates as they are (ISO 8601), and empties null", () => {
    expect(csvCell("Pay by phone")).toBe("Pay by phone");
    expect(csvCell("a-b@c")).toBe("a-b@c");
    expect(csvCell(42)).toBe("42");
    expect(csvCell(new Date("2026-03-20T10:00:00Z"))).toBe("2026-03-20T10:00:00.000Z");
    expect(csvCell(null)).toBe("");
  });

  it("quotes commas, quotes, line ends and edge spaces", () => {
    expect(csvCell('Pay "by phone", please')).toBe('"Pay ""by phone"", please"');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell(" padded")).toBe('" padded"');
    expect(csvCell("padded ")).toBe('"padded "');
  });

  it("keeps a spreadsheet from running text as a formula", () => {
    expect(csvCell("=1+1")).toBe("'=1+1");
    expect(csvCell("+34 600")).toBe("'+34 600");
    expect(csvCell("-2")).toBe("'-2");
    expect(csvCell("@sum")).toBe("'@sum");
    expect(csvCell("\tcmd")).toBe("'\tcmd");
    expect(csvCell("=A1, B1")).toBe(`"'=A1, B1"`);
  });

  it("ends each line with CRLF", () => {
    expect(csvLine(["a", 1, null, "b,c"])).toBe('a,1,,"b,c"\r\n');
  });
});
