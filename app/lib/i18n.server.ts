import { createCookie } from "@remix-run/node";
import { RemixI18Next } from "remix-i18next/server";
import type { Locale } from "#db/schema";
import { servedOverHttps } from "~/lib/deployment.mjs";
import { isLocale, provideTranslators, resources, supportedLocales, translatorFor } from "~/lib/i18n";
import { readyTranslations } from "~/lib/translator";

/** The language chosen with the footer switcher, for visitors and as a fallback. */
export const localeCookie = createCookie("tertulia_lng", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  secure: servedOverHttps(),
  maxAge: 60 * 60 * 24 * 365,
});

/** One detector per site default language (it falls back to it), made once. */
const detectors = new Map<Locale, RemixI18Next>();

/**
 * The reader's language: their own setting, else the switcher's cookie, else the browser's
 * Accept-Language, else the site default.
 */
export async function detectLocale(request: Request, personLocale: Locale | null | undefined, siteDefault: Locale) {
  if (personLocale) return personLocale;
  let detector = detectors.get(siteDefault);
  if (!detector) {
    detector = new RemixI18Next({
      detection: {
        supportedLanguages: [...supportedLocales],
        fallbackLanguage: siteDefault,
        cookie: localeCookie,
        order: ["cookie", "header"],
      },
    });
    detectors.set(siteDefault, detector);
  }
  const locale = await detector.getLocale(request);
  return isLocale(locale) ? locale : siteDefault;
}

// Each language's translations, ready when the server starts: a page is rendered with its
// reader's, and nothing is made per request. Rendering never changes their language. The
// translator is the browser's (app/lib/translator.ts), which gives i18next's text for every key
// at a tenth of the cost per call (decision 0025).
const renderInstances = new Map(supportedLocales.map((locale) => [locale, readyTranslations(locale, resources[locale].common)]));

/** The ready translations that render pages in `locale`. */
export function i18nForRendering(locale: Locale) {
  return renderInstances.get(locale)!;
}

// translatorFor (meta functions, emails) translates with the same instances on the server.
provideTranslators((locale) => renderInstances.get(locale)!.getFixedT(locale));

/** Server modules import translatorFor from here, so that the translations are loaded first. */
export { translatorFor };
