import i18next from "i18next";
import { describe, expect, it } from "vitest";
import en from "~/locales/en.json";
import es from "~/locales/es.json";
import { defaultNS, resources, supportedLocales } from "~/lib/i18n";
import { translate } from "~/lib/translator";
import { translatorFor } from "~/lib/i18n.server";

type Messages = { [key: string]: string | Messages };
const locales = { en, es } as Record<string, Messages>;

function leaves(messages: Messages, prefix = ""): Array<[string, string]> {
  return Object.entries(messages).flatMap(([key, value]) =>
    typeof value === "string" ? [[`${prefix}${key}`, value] as [string, string]] : leaves(value, `${prefix}${key}.`),
  );
}

const PLURAL = /(_ordinal)?_(zero|one|two|few|many|other)$/;

describe("locale files", () => {
  it("have the same keys in every language (the browser loads one language, with no fallback)", () => {
    const keys = (messages: Messages) => leaves(messages).map(([key]) => key.replace(PLURAL, "")).sort();
    expect([...new Set(keys(es))]).toEqual([...new Set(keys(en))]);
  });
});

describe("the app's translator", () => {
  const reference = i18next.createInstance();
  // i18next, as the server used to translate, is the reference.
  void reference.init({ supportedLngs: [...supportedLocales], fallbackLng: "en", defaultNS, ns: [defaultNS], resources, interpolation: { escapeValue: false }, lng: "en", initImmediate: false });

  for (const language of supportedLocales) {
    it(`gives i18next's result for every key in ${language}`, () => {
      const messages = locales[language]!;
      const families = new Map<string, Set<string>>();
      const ordinals = new Set<string>();
      for (const [key, text] of leaves(messages)) {
        const base = key.replace(PLURAL, "");
        if (key.includes("_ordinal_")) ordinals.add(base);
        const names = families.get(base) ?? new Set<string>();
        for (const match of text.matchAll(/\{\{([^{}]+)\}\}/g)) names.add(match[1]!.trim());
        families.set(base, names);
      }
      const t = reference.getFixedT(language);
      let compared = 0;
      for (const [key, names] of families) {
        const values = Object.fromEntries([...names].map((name) => [name, `<${name}>`]));
        const counts = names.has("count") ? [0, 1, 2, 3, 5, 11, 21, 22, 23, 1000] : [undefined];
        for (const ordinal of ordinals.has(key) ? [false, true] : [false]) {
          for (const count of counts) {
            const withCount = count === undefined ? values : { ...values, count, ...(ordinal ? { ordinal } : {}) };
            expect(translate(messages, language, key, withCount), `${language} ${key} ${count ?? ""} ${ordinal ? "ordinal" : ""}`).toBe(t(key, withCount));
            compared += 1;
          }
        }
      }
      expect(compared).toBeGreaterThan(500);
    });
  }

  it("tries a list of keys in turn, leaves a missing value as written and returns an unknown key", () => {
    const t = reference.getFixedT("en");
    const messages = locales.en!;
    for (const [key, values] of [
      [["no.such.key", "editor.bold"], {}],
      ["editor.tooltip", { action: "Bold" }],
      ["no.such.key", {}],
    ] as const) {
      expect(translate(messages, "en", key as string | string[], values)).toBe(t(key as string | string[], values));
    }
  });
});

describe("translatorFor", () => {
  it("translates in each language on the server, and falls back to English for an unknown one", () => {
    expect(translatorFor("es")("editor.bold")).toBe("Negrita");
    expect(translatorFor("en")("editor.bold")).toBe("Bold");
    expect(translatorFor("fr")("editor.bold")).toBe("Bold");
  });
});
