import en from "~/locales/en.json";
import enUrl from "~/locales/en.json?url";
import es from "~/locales/es.json";
import esUrl from "~/locales/es.json?url";
import type { Locale } from "#db/schema";

export const supportedLocales = ["en", "es"] as const satisfies readonly Locale[];
export const defaultNS = "common";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (supportedLocales as readonly string[]).includes(value);
}

/**
 * Where the browser fetches one language's translations (a hashed, long-cached file). A page
 * preloads its reader's language only (root.tsx); entry.client.tsx waits for it before hydrating.
 */
export const translationUrls: Record<Locale, string> = { en: enUrl, es: esUrl };

/**
 * Every language's translations, for the server (pages and emails in any language); the
 * browser's bundle leaves them out and fetches its reader's (translationUrls).
 */
export const resources = { en: { common: en }, es: { common: es } } as const;

export type Translate = (key: string | string[], values?: Record<string, unknown>) => string;

let translators: ((locale: Locale) => Translate) | undefined;

/**
 * Where translatorFor finds its translations: on the server, every language
 * (i18n.server.ts, loaded with the root route); in the browser, the reader's language
 * (entry.client.tsx, before hydrating). Kept apart so that the other language stays out of the browser.
 */
export function provideTranslators(provider: (locale: Locale) => Translate) {
  translators = provider;
}

/** A translator outside React: meta functions (on the server, and on client-side navigation), emails. */
export function translatorFor(locale: string): Translate {
  if (!translators) throw new Error("translatorFor: no translations loaded yet");
  return translators(isLocale(locale) ? locale : "en");
}
