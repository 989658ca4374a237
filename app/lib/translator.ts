import type { Locale } from "#db/schema";
import { isLocale, translationUrls, type Translate } from "~/lib/i18n";

// The app's translator, in the browser and on the server. i18next (~15 kB gzipped) would take a
// sixth of the 100 kB a visitor's page may load (docs/decisions/0012), and on the server its `t`
// cost ~10 µs a call against ~1 µs here: a list page makes ~150 calls (decision 0025).
//
// It reads i18next's JSON format as far as the locale files use it: nested keys (whose parts
// may hold dots), {{name}}
// interpolation (no escaping: React escapes), plural forms by count (key_one, key_other… from
// Intl.PluralRules; key_ordinal_one… with `ordinal: true`), a list of keys tried in turn. tests/unit/i18n.test.ts checks that it
// gives i18next's result for every key of both languages.

export type Messages = { [key: string]: string | Messages };
type Values = Record<string, unknown> & { count?: unknown; ordinal?: unknown };

const pluralRules = new Map<string, Intl.PluralRules>();
function pluralCategory(language: string, count: number, ordinal: boolean) {
  const id = `${language}:${ordinal ? "ordinal" : "cardinal"}`;
  let rules = pluralRules.get(id);
  if (!rules) {
    rules = new Intl.PluralRules(language, { type: ordinal ? "ordinal" : "cardinal" });
    pluralRules.set(id, rules);
  }
  return rules.select(count);
}

/** The keys i18next tries for a count, most specific first: key_zero, key_one… (key_ordinal_one… with `ordinal`). */
function pluralKeys(key: string, language: string, count: number, ordinal: boolean) {
  const category = pluralCategory(language, count, ordinal);
  if (ordinal) return [`${key}_${category}`, `${key}_ordinal_${category}`];
  return count === 0 ? [`${key}_zero`, `${key}_${category}`] : [`${key}_${category}`];
}

// Each language's texts by whole key, as they are looked up: a key's path is walked once.
const looked = new WeakMap<Messages, Map<string, string | undefined>>();
function lookup(messages: Messages, key: string): string | undefined {
  let texts = looked.get(messages);
  if (!texts) looked.set(messages, (texts = new Map()));
  let text = texts.get(key);
  if (text === undefined) {
    text = walk(messages, key);
    // Only keys the file holds are kept, so that the cache is bounded by the file.
    if (text !== undefined) texts.set(key, text);
  }
  return text;
}

/** A key's text; as in i18next, a key's parts may themselves hold dots ("audit.actions" → "idea.status"). */
function walk(messages: Messages, key: string): string | undefined {
  const parts = key.split(".");
  let node: string | Messages | undefined = messages;
  for (let start = 0; start < parts.length; ) {
    if (typeof node !== "object") return undefined;
    let next: string | Messages | undefined;
    let end = start;
    for (; end < parts.length; end++) {
      next = node[parts.slice(start, end + 1).join(".")];
      // A text part-way along the key is not the end of it: try a longer part.
      if (next !== undefined && !(typeof next === "string" && end < parts.length - 1)) break;
      next = undefined;
    }
    if (next === undefined) return undefined;
    node = next;
    start = end + 1;
  }
  return typeof node === "string" ? node : undefined;
}

/** `{{name}}` → the value; a name that was not passed stays as written (as in i18next). */
function interpolate(text: string, values: Values) {
  return text.replace(/\{\{([^{}]+)\}\}/g, (whole, name: string) => {
    const key = name.trim();
    if (!Object.prototype.hasOwnProperty.call(values, key)) return whole;
    const value = values[key];
    return value === undefined || value === null ? "" : String(value);
  });
}

export function translate(messages: Messages, language: string, key: string | string[], values: Values = {}): string {
  const keys = Array.isArray(key) ? key : [key];
  const count = typeof values.count === "number" ? values.count : undefined;
  for (const candidate of keys) {
    const tried = count === undefined ? [candidate] : [...pluralKeys(candidate, language, count, values.ordinal === true), candidate];
    for (const attempt of tried) {
      const found = lookup(messages, attempt);
      if (found !== undefined) return interpolate(found, values);
    }
  }
  return keys[keys.length - 1]!;
}

type Listener = (language: string) => void;

/**
 * One language's translations at a time, as components reach them (app/lib/use-translation.ts)
 * and as translatorFor hands them out: on the server, one per language, ready at start; in the
 * browser, one that fetches its reader's language before hydrating, and another when a person
 * changes theirs.
 */
export class Translations {
  language = "";
  private readonly messages = new Map<string, Messages>();
  private readonly fixed = new Map<string, Translate>();
  private readonly listeners = new Set<Listener>();

  /** The server's: one language, its translations given. The browser's starts empty. */
  constructor(ready?: { language: Locale; messages: Messages }) {
    if (ready) {
      this.messages.set(ready.language, ready.messages);
      this.language = ready.language;
    }
  }

  /** Fetches a language's translations (the page preloads its reader's) and makes it current. */
  async changeLanguage(language: string) {
    if (!isLocale(language)) throw new Error(`No translations for "${language}"`);
    if (!this.messages.has(language)) {
      const response = await fetch(translationUrls[language]);
      if (!response.ok) throw new Error(`Translations for "${language}": HTTP ${response.status}`);
      this.messages.set(language, (await response.json()) as Messages);
    }
    this.language = language;
    for (const listener of this.listeners) listener(language);
  }

  hasLanguage(language: string) {
    return this.messages.has(language);
  }

  /** A translator bound to a language (the current one by default); made once per language that has its translations. */
  getFixedT(language: string = this.language): Translate {
    const known = this.fixed.get(language);
    if (known) return known;
    const messages = this.messages.get(language);
    const t: Translate = (key, values) => translate(messages ?? {}, language, key, values);
    if (messages) this.fixed.set(language, t);
    return t;
  }

  t: Translate = (key, values) => this.getFixedT()(key, values);

  /** Calls `listener` at each change of language, until the function it returns is called. */
  whenLanguageChanges(listener: Listener) {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }
}

/** For the server: a language's translations, ready. */
export function readyTranslations(language: Locale, messages: Messages) {
  return new Translations({ language, messages });
}

/** The browser's translations, for its <TranslationProvider>. */
export const browserTranslations = new Translations();

export function loadBrowserLanguage(language: string) {
  return browserTranslations.changeLanguage(language);
}

/** A translator in the browser, outside React; until a newly chosen language has arrived, the current one stands in. */
export function browserTranslatorFor(language: Locale) {
  return browserTranslations.getFixedT(browserTranslations.hasLanguage(language) ? language : browserTranslations.language);
}
