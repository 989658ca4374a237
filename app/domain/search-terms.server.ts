import { stemmer as englishStem } from "@orama/stemmers/english";
import { stemmer as spanishStem } from "@orama/stemmers/spanish";
import { eng as englishStopWords, spa as spanishStopWords } from "stopword";

// What search sees of a text, the same on both engines (docs/search.md): words, less the
// English and Spanish stop words, each indexed as itself and as its stem (Snowball's Spanish
// stemmer, Porter's English one), accents and case folded. Ideas are not labelled with a
// language, so a text's language is read from its stop words ("the", "for" against "con",
// "para"); a text with no clear answer, such as a short title or a query, gets both stems.
// One language's stemmer mangles the other's words ("page" is "pag" in Spanish, as "pagos"
// is): stemming a text by its own language keeps "pagos" from finding an English "page".
//
// The database only matches these terms (FTS5 on SQLite, a tsvector on PostgreSQL); which
// terms a text or a query has is decided here, once, for both.

/** Lower case, accents and other combining marks removed: "Adopción" → "adopcion". */
function fold(text: string) {
  return text.normalize("NFD").replace(/\p{M}+/gu, "").toLowerCase();
}

export type Language = "en" | "es";
const STEMMERS: Record<Language, (word: string) => string> = { en: englishStem, es: spanishStem };
const BOTH: readonly Language[] = ["en", "es"];

// Folded too, so that "mas" is as much a stop word as "más". A word in both lists ("a", "me")
// says nothing about the language.
const ENGLISH_STOP_WORDS = new Set(englishStopWords.map(fold));
const SPANISH_STOP_WORDS = new Set(spanishStopWords.map(fold));
const isStopWord = (folded: string) => ENGLISH_STOP_WORDS.has(folded) || SPANISH_STOP_WORDS.has(folded);

/** Words: runs of letters and digits; an apostrophe inside a word keeps it whole ("don't"). */
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;

/** A text is in one language when it holds more than this many times the other's stop words. */
const DOMINANCE = 3;

/**
 * A text's words that mean something (lower-cased, stop words left out, accents kept for the
 * stemmers) and the languages it is written in: the one whose stop words it holds far more of,
 * or both — when it holds none (often), or some of each (a Spanish title over an English text).
 */
function readText(text: string): { words: string[]; languages: readonly Language[] } {
  const words: string[] = [];
  let english = 0;
  let spanish = 0;
  for (const [match] of text.normalize("NFC").toLowerCase().matchAll(WORD)) {
    const word = match.replace(/['’]/g, "");
    const folded = fold(match.replace(/’/g, "'"));
    if (isStopWord(folded) || isStopWord(fold(word))) {
      const inEnglish = ENGLISH_STOP_WORDS.has(folded);
      const inSpanish = SPANISH_STOP_WORDS.has(folded);
      if (inEnglish && !inSpanish) english++;
      if (inSpanish && !inEnglish) spanish++;
    } else words.push(word);
  }
  return { words, languages: english > DOMINANCE * spanish ? ["en"] : spanish > DOMINANCE * english ? ["es"] : BOTH };
}

// Stemming is the costly part, and a portal's vocabulary is small: remember recent words.
const stemsOfWord = new Map<string, string[]>();
const STEM_CACHE_SIZE = 20_000;

/** A word's search terms: itself folded, and its stem in each language, folded (one to three terms). */
function wordTerms(word: string, languages: readonly Language[]) {
  const key = languages.length === 1 ? `${languages[0]}:${word}` : word;
  let terms = stemsOfWord.get(key);
  if (!terms) {
    const folded = fold(word);
    // Numbers are not stemmed ("12" is not plural).
    terms = /^\p{N}+$/u.test(word) ? [folded] : [...new Set([folded, ...languages.map((language) => fold(STEMMERS[language](word)))])].filter(Boolean);
    if (stemsOfWord.size >= STEM_CACHE_SIZE) stemsOfWord.clear();
    stemsOfWord.set(key, terms);
  }
  return terms;
}

/**
 * A text's search terms, each once, separated by spaces: what the search columns hold. Stemmed
 * in `languages` when given, else in the text's own.
 */
export function searchTerms(text: string, languages?: readonly Language[]) {
  const read = readText(text);
  const terms = new Set<string>();
  for (const word of read.words) for (const term of wordTerms(word, languages ?? read.languages)) terms.add(term);
  return [...terms].join(" ");
}

/**
 * The search columns of an idea, written with its title and text whenever either changes. Both
 * are stemmed in the idea's language, read from the two together: a title alone is too short
 * to tell.
 */
export function ideaSearchColumns(idea: { title: string; bodyText: string }) {
  const { languages } = readText(`${idea.title}\n${idea.bodyText}`);
  return { searchTitle: searchTerms(idea.title, languages), searchBody: searchTerms(idea.bodyText, languages) };
}

/**
 * One word of a query: a text matches it when it holds any of `terms`, or, for the word still
 * being typed, a term starting with `prefix`.
 */
export type QueryWord = { terms: string[]; prefix: string | null };

/** At most this many words of a query count; the rest are ignored (each costs a lookup). */
const MAX_QUERY_WORDS = 8;
/** Shorter beginnings of a word are not searched as prefixes: they would match most ideas. */
const MIN_PREFIX_LENGTH = 3;

/**
 * A query's words, stop words left out, each with its stems in both languages: a few words
 * are too few to tell their language by (one "and" would make "pagos and tarjetas" English).
 * The last word is also matched as a prefix, as it may still be being typed ("fact" finds
 * "factura"). Empty when nothing searchable was typed.
 */
export function queryWords(text: string): QueryWord[] {
  const words = [...new Set(readText(text).words)].slice(0, MAX_QUERY_WORDS);
  return words.map((word, index) => {
    const folded = fold(word);
    const last = index === words.length - 1;
    return { terms: wordTerms(word, BOTH), prefix: last && folded.length >= MIN_PREFIX_LENGTH ? folded : null };
  });
}

/** Whether a text's terms (as the search columns hold them, split) contain a query word. */
export function holdsWord(terms: ReadonlySet<string> | readonly string[], word: QueryWord) {
  const set = terms instanceof Set ? terms : new Set(terms);
  if (word.terms.some((term) => set.has(term))) return true;
  const prefix = word.prefix;
  return prefix !== null && [...set].some((term) => term.startsWith(prefix));
}

/**
 * Which ideas a search asks for: those holding every word (`every`) or any, in the title alone
 * or anywhere. Each engine's search module turns it into its own SQL.
 */
export type MatchSpec = { words: QueryWord[]; every: boolean; titleOnly: boolean };
