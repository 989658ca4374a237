import { createCookie } from "@remix-run/node";
import { THEMES, type Theme } from "#db/schema";
import { servedOverHttps } from "~/lib/deployment.mjs";

/** The theme a visitor chose with the footer's switch (a signed-in person's is on their account). */
export const themeCookie = createCookie("tertulia_theme", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  secure: servedOverHttps(),
  maxAge: 60 * 60 * 24 * 365,
});

export function isTheme(value: unknown): value is Theme {
  return typeof value === "string" && (THEMES as readonly string[]).includes(value);
}

/**
 * The reader's colour theme: their account's choice, else the switch's cookie; null follows the
 * system's preference (the stylesheet asks prefers-color-scheme). A cookie that does not parse is
 * ignored, not an error.
 */
export async function themeFor(request: Request, person: { theme: Theme | null } | null): Promise<Theme | null> {
  if (person?.theme) return person.theme;
  const saved: unknown = await themeCookie.parse(request.headers.get("Cookie")).catch(() => null);
  return isTheme(saved) ? saved : null;
}
