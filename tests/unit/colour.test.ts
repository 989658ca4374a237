import { describe, expect, it } from "vitest";
import { accentReadable, accentShades, accentStyle, contrastRatio } from "~/lib/colour";

describe("colours", () => {
  it("measures WCAG contrast", () => {
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrastRatio("#ffffff", "#ffffff")).toBe(1);
    // The default brand colour with white text.
    expect(contrastRatio("#9a3412", "#ffffff")).toBeGreaterThan(7);
  });

  it("takes an accent only when white text on it (and it on white) reads at 4.5:1", () => {
    expect(accentReadable("#1e40af")).toBe(true);
    expect(accentReadable("#767676")).toBe(true); // 4.54:1, just enough
    expect(accentReadable("#777777")).toBe(false); // 4.48:1
    expect(accentReadable("#ffcc00")).toBe(false);
    expect(accentReadable("blue")).toBe(false);
    expect(accentStyle("#ffcc00")).toBeUndefined();
    expect(accentStyle("#1e40af")).toMatchObject({ "--color-brand-700": expect.stringMatching(/^light-dark\(#1e40af, #[0-9a-f]{6}\)$/) });
  });

  it("gives the dark theme shades of the accent that read as well as the light ones", () => {
    const darkCard = "#1c1917";
    for (const accent of ["#1e40af", "#767676", "#000000", "#7c2d12", "#047857", "#6d28d9", "#be123c"]) {
      const { light, dark } = accentShades(accent);
      // Light: links on white and white on buttons (and on their hover).
      expect(contrastRatio(light[700], "#ffffff"), accent).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(light[800], "#ffffff"), accent).toBeGreaterThanOrEqual(4.5);
      // Dark: links on cards and on highlighted tints, dark text on buttons and on their hover.
      for (const background of [darkCard, dark[50]]) expect(contrastRatio(dark[700], background), `${accent} on ${background}`).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(dark[800], darkCard), accent).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(dark[800], dark[50]), accent).toBeGreaterThanOrEqual(4.5);
    }
  });
});
