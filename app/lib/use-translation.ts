import { createContext, createElement, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import type { Translations } from "~/lib/translator";

// How components reach the reader's translations (app/lib/translator.ts). react-i18next's
// useTranslation did, on every call, what the app never needs — merging options, checking
// namespaces and backends, binding a new `t`, a state and two effects — and a list page calls it
// ~100 times (five or six per row); its code was also ~2 kB of every page's JavaScript
// (decision 0025). Here a call reads a context and returns the language's one `t`.

type Context = { translations: Translations; language: string };
const TranslationContext = createContext<Context | null>(null);

/**
 * Gives the tree its translations. The server's never change language; in the browser the
 * language can change under a mounted page (a person saving their own language with JavaScript
 * on): the context then changes, and every component that translates renders again in it.
 */
export function TranslationProvider({ translations, children }: { translations: Translations; children: ReactNode }) {
  const [language, setLanguage] = useState(translations.language);
  useEffect(() => {
    setLanguage(translations.language);
    return translations.whenLanguageChanges(setLanguage);
  }, [translations]);
  const value = useMemo(() => ({ translations, language }), [translations, language]);
  return createElement(TranslationContext.Provider, { value }, children);
}

function useContextTranslations() {
  const context = useContext(TranslationContext);
  if (!context) throw new Error("useTranslation outside a TranslationProvider");
  return context;
}

/** The reader's translator and language: `const { t } = useTranslation()`; `i18n.language` is the language's code. */
export function useTranslation() {
  const { translations, language } = useContextTranslations();
  return { t: translations.getFixedT(language), i18n: { language } };
}

/** The language the page renders in (the formatters' locale). */
export function useLanguage() {
  return useContextTranslations().language;
}

/**
 * Keeps the browser's translations in the language the root loader chose: after a client-side
 * navigation that changed it (a person's own setting), fetches the new language and switches.
 */
export function useFollowLanguage(locale: string) {
  const { translations } = useContextTranslations();
  useEffect(() => {
    if (translations.language !== locale) void translations.changeLanguage(locale);
  }, [locale, translations]);
}
