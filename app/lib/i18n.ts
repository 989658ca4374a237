import i18next from "i18next";
import en from "~/locales/en.json";
import es from "~/locales/es.json";
import type { Locale } from "#db/schema";

export const supportedLocales = ["en", "es"] as const satisfies readonly Locale[];
export const defaultNS = "common";
export const resources = { en: { common: en }, es: { common: es } } as const;

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (supportedLocales as readonly string[]).includes(value);
}

/** The i18next options shared by the server and the browser. */
export const i18nConfig = {
  supportedLngs: [...supportedLocales],
  fallbackLng: "en",
  defaultNS,
  ns: [defaultNS],
  resources,
  interpolation: { escapeValue: false },
};

// Resources are bundled, so this instance is ready synchronously: meta functions and
// server code (outside React) translate with it.
const translator = i18next.createInstance();
void translator.init({ ...i18nConfig, lng: "en", initImmediate: false });

export function translatorFor(locale: string) {
  return translator.getFixedT(isLocale(locale) ? locale : "en");
}
