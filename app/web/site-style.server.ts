import type { CSSProperties } from "react";
import { accentStyle } from "~/lib/colour";
import { uploadPath, UPLOAD_WIDTHS } from "~/lib/upload-paths";

/**
 * The site's own look as CSS custom properties for <html>: the accent colour's shades
 * (accentStyle) and the logo (--site-logo, both stored widths as an image-set, and
 * --site-logo-ratio, its proportions), which the stylesheet draws before the site's name in the
 * header (.site-logo in app/tailwind.css). Nothing of it needs JavaScript in the browser.
 */
export function siteStyle(site: { accentColour: string | null; logo: { id: string; width: number; height: number } | null }): CSSProperties | undefined {
  const style: Record<string, string> = { ...accentStyle(site.accentColour) };
  if (site.logo) {
    const [once, twice] = UPLOAD_WIDTHS.logo;
    style["--site-logo"] = `image-set(url("${uploadPath(site.logo.id, once)}") 1x, url("${uploadPath(site.logo.id, twice)}") 2x)`;
    style["--site-logo-ratio"] = `${site.logo.width} / ${site.logo.height}`;
  }
  return Object.keys(style).length > 0 ? (style as CSSProperties) : undefined;
}
