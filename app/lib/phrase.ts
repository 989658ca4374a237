/**
 * A sentence to be said in the reader's language, described rather than written: the server
 * decides what is said (a locale key and its values), and whoever shows it (a page, a CSV
 * export) says it with that reader's translator. A value may itself be a phrase (a status
 * name, "#12 “Faster check-out”") or a list of them, said as a list in that language.
 */
export type Phrase = { key: string; values?: Record<string, PhraseValue> };
/** Numbers and booleans go to the translator as they are (`count` picks a plural form, `ordinal: true` an ordinal one). */
export type PhraseValue = string | number | boolean | Phrase | PhraseValue[];

type Translate = (key: string, values?: Record<string, unknown>) => string;

const listFormats = new Map<string, Intl.ListFormat>();
function listFormat(locale: string) {
  let format = listFormats.get(locale);
  if (!format) {
    format = new Intl.ListFormat(locale, { style: "long", type: "conjunction" });
    listFormats.set(locale, format);
  }
  return format;
}

function say(t: Translate, locale: string, value: PhraseValue): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return listFormat(locale).format(value.map((item) => say(t, locale, item)));
  return sayPhrase(t, locale, value);
}

/** The phrase in the language of `t` (`locale` is that language, for lists). */
export function sayPhrase(t: Translate, locale: string, phrase: Phrase): string {
  const values: Record<string, string | number | boolean> = {};
  for (const [name, value] of Object.entries(phrase.values ?? {})) values[name] = typeof value === "number" || typeof value === "boolean" ? value : say(t, locale, value);
  return t(phrase.key, values);
}
