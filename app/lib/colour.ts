/** "#rrggbb", the only colour format settings and categories store. */
export const HEX_COLOUR = /^#[0-9a-f]{6}$/i;

/** WCAG 2 relative luminance of an "#rrggbb" colour. */
function luminance(hex: string) {
  const channel = (offset: number) => {
    const value = parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** WCAG 2 contrast ratio of two "#rrggbb" colours, from 1 to 21. */
export function contrastRatio(a: string, b: string) {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/**
 * WCAG AA for normal text: the accent colour carries white button labels and is the colour of
 * links on white, so it needs 4.5:1 against white either way.
 */
export const MIN_ACCENT_CONTRAST = 4.5;

export function accentReadable(hex: string) {
  return HEX_COLOUR.test(hex) && contrastRatio(hex, "#ffffff") >= MIN_ACCENT_CONTRAST;
}

/** `a` mixed with `b`, `share` of `a` (0–1), channel by channel in sRGB (as CSS color-mix(in srgb)). */
function mix(a: string, b: string, share: number) {
  const channel = (hex: string, offset: number) => parseInt(hex.slice(offset, offset + 2), 16);
  return `#${[1, 3, 5]
    .map((offset) => Math.round(channel(a, offset) * share + channel(b, offset) * (1 - share)))
    .map((value) => value.toString(16).padStart(2, "0"))
    .join("")}`;
}

/** The dark theme's cards (app/tailwind.css: --color-white in the dark), the lightest surface text sits on there. */
const DARK_SURFACE = "#1c1917";

/**
 * The accent's shades, in the light theme and in the dark one. Light: the accent itself for
 * buttons and links (checked against white), a darker shade for hover, pale tints behind
 * highlighted things. Dark: the same roles mirrored, as the default palette does — the accent
 * lightened until it reads at 4.5:1 on the dark cards and on its tint (and so on the darker
 * page), with dark text on it for buttons, and dim tints of it behind highlighted things.
 */
export function accentShades(hex: string) {
  const dark50 = mix(hex, DARK_SURFACE, 0.2);
  let dark700 = hex;
  const readsOnDark = (colour: string) => Math.min(contrastRatio(colour, dark50), contrastRatio(colour, DARK_SURFACE)) >= MIN_ACCENT_CONTRAST;
  for (let share = 0.95; !readsOnDark(dark700) && share >= 0; share -= 0.05) dark700 = mix(hex, "#ffffff", share);
  return {
    light: { 50: mix(hex, "#ffffff", 0.08), 100: mix(hex, "#ffffff", 0.16), 600: hex, 700: hex, 800: mix(hex, "#000000", 0.8) },
    dark: { 50: dark50, 100: mix(hex, DARK_SURFACE, 0.35), 600: dark700, 700: dark700, 800: mix(dark700, "#ffffff", 0.6) },
  };
}

/**
 * The CSS custom properties that put an accent colour in place of the default brand palette
 * (app/tailwind.css) in both themes: buttons, links and focus rings, their hover, highlighted
 * backgrounds. Each is a light-dark() pair, like the palette it replaces.
 */
export function accentStyle(hex: string | null | undefined): Record<string, string> | undefined {
  if (!hex || !accentReadable(hex)) return undefined;
  const { light, dark } = accentShades(hex.toLowerCase());
  return Object.fromEntries(([50, 100, 600, 700, 800] as const).map((step) => [`--color-brand-${step}`, `light-dark(${light[step]}, ${dark[step]})`]));
}
