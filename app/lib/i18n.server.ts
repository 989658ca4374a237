import { createCookie } from "@remix-run/node";
import { createInstance, type i18n } from "i18next";
import { initReactI18next } from "react-i18next";
import { RemixI18Next } from "remix-i18next/server";
import type { Locale } from "#db/schema";
import { servedOverHttps } from "~/lib/deployment.mjs";
import { i18nConfig, isLocale, provideTranslators, supportedLocales, translatorFor } from "~/lib/i18n";

/** The language chosen with the footer switcher, for visitors and as a fallback. */
export const localeCookie = createCookie("tertulia_lng", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  secure: servedOverHttps(),
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

// One i18next instance per language, made when the server starts: the resources are bundled,
// so each initialises synchronously, once. A page is rendered with its reader's instance and
// nothing is made per request. Rendering never changes an instance's language.
const renderInstances = new Map<Locale, i18n>(
  supportedLocales.map((locale) => {
    const instance = createInstance();
    void instance.use(initReactI18next).init({ ...i18nConfig, lng: locale, initImmediate: false });
    return [locale, instance];
  }),
);

/** The ready i18next instance that renders pages in `locale`. */
export function i18nForRendering(locale: Locale) {
  return renderInstances.get(locale)!;
}

// translatorFor (meta functions, emails) translates with the same instances on the server.
provideTranslators((locale) => renderInstances.get(locale)!.getFixedT(locale));

/** Server modules import translatorFor from here, so that the translations are loaded first. */
export { translatorFor };
