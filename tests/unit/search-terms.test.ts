import { describe, expect, it } from "vitest";
import { holdsWord, ideaSearchColumns, queryWords, searchTerms } from "~/domain/search-terms.server";

const terms = (text: string) => searchTerms(text).split(" ");

describe("search terms", () => {
  it("index each word folded, with its English and Spanish stems", () => {
    expect(terms("Pagos")).toEqual(["pagos", "pago", "pag"]);
    expect(terms("Facturas")).toEqual(["facturas", "factura", "factur"]);
    expect(terms("invoices")).toEqual(["invoices", "invoic"]);
    // Accents folded after stemming, which needs them: "adopción" loses "-ción" in Spanish.
    expect(terms("ADOPCIÓN")).toEqual(["adopcion"]);
    expect(terms("aplicación")).toEqual(["aplicacion", "aplic"]);
  });

  it("leave out English and Spanish stop words, with or without their accents", () => {
    expect(searchTerms("the con de la y of")).toBe("");
    expect(searchTerms("más mas él")).toBe("");
    expect(terms("Pagar con Bizum en la tienda")).toEqual(["pagar", "pag", "bizum", "tienda", "tiend"]);
  });

  it("keep numbers whole and words with an apostrophe together, each term once", () => {
    expect(terms("Abrir hasta las 22:00")).toEqual(["abrir", "22", "00"]);
    expect(terms("The bank's code, the bank")).toEqual(["banks", "bank", "code"]);
  });

  it("stem a text in the language of its stop words, or in both when they do not tell", () => {
    // Spanish's stemmer would make "page" "pag", as it makes "pagos": not in an English text.
    expect(terms("One page for the checkout")).toEqual(["one", "on", "page", "checkout"]);
    expect(terms("Una página para pagos")).toEqual(["pagina", "pagin", "pagos", "pag"]);
    expect(terms("page")).toEqual(["page", "pag"]);
    // An idea's title is stemmed in the language of its title and text together.
    expect(ideaSearchColumns({ title: "Page", bodyText: "Show it on the home page" }).searchTitle).toBe("page");
    // Some stop words of each: a Spanish title over an English text gets both stems.
    expect(ideaSearchColumns({ title: "Pagar con Bizum", bodyText: "Plain and simple" }).searchTitle).toBe("pagar pag bizum");
  });

  it("give an idea its title's and text's terms", () => {
    expect(ideaSearchColumns({ title: "Modo oscuro", bodyText: "De noche" })).toEqual({ searchTitle: "modo mod oscuro oscur", searchBody: "noche noch" });
  });
});

describe("query words", () => {
  it("are the content words, each with its terms; the last one is also a prefix, as it may be half typed", () => {
    expect(queryWords("pagos con tarj")).toEqual([
      { terms: ["pagos", "pago", "pag"], prefix: null },
      { terms: ["tarj"], prefix: "tarj" },
    ]);
    // Too short a beginning would match most ideas: matched whole only.
    expect(queryWords("ab")).toEqual([{ terms: ["ab"], prefix: null }]);
    expect(queryWords("the con de")).toEqual([]);
    expect(queryWords("  ¿?¡! ")).toEqual([]);
  });

  it("never carry anything but letters and digits, whatever was typed", () => {
    const words = queryWords('pago" OR "x* NEAR( {search_title}: \'a\' | b:*');
    expect(words.flatMap((word) => [...word.terms, word.prefix ?? ""]).every((term) => /^[\p{L}\p{N}]*$/u.test(term))).toBe(true);
  });

  it("are held by a text holding one of their terms, or a term they begin", () => {
    const [pagos] = queryWords("pagos x");
    expect(holdsWord(terms("Pagar con Bizum"), pagos!)).toBe(true);
    const [fact] = queryWords("fact");
    expect(holdsWord(terms("Factura automática"), fact!)).toBe(true);
    expect(holdsWord(terms("Modo oscuro"), fact!)).toBe(false);
  });
});
