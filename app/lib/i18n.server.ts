import { createCookie } from "@remix-run/node";
import { RemixI18Next } from "remix-i18next/server";
import type { Locale } from "#db/schema";
import { isLocale, supportedLocales } from "~/lib/i18n";

/** The language chosen with the footer switcher, for visitors and as a fallback. */
export const localeCookie = createCookie("tertulia_lng", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  secure: process.env.NODE_ENV === "production",
  maxAge: 60 * 60 * 24 * 365,
});

/**
 * The reader's language: their own setting, else the switcher's cookie, else the browser's
 * Accept-Language, else the site default.
 */
export async function detectLocale(request: Request, personLocale: Locale | null | undefined, siteDefault: Locale) {
  if (personLocale) return personLocale;
  const detector = new RemixI18Next({
    detection: {
      supportedLanguages: [...supportedLocales],
      fallbackLanguage: siteDefault,
      cookie: localeCookie,
      order: ["cookie", "header"],
    },
  });
  const locale = await detector.getLocale(request);
  return isLocale(locale) ? locale : siteDefault;
}
