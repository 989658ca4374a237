import { describe, expect, it } from "vitest";
import { parseRichText, RICH_TEXT_MAX } from "~/lib/rich-text.server";
import { docToPlainText, plainTextToDoc } from "~/lib/rich-text";

const doc = (...content: unknown[]) => JSON.stringify({ type: "doc", content });
const p = (...content: unknown[]) => ({ type: "paragraph", content });
const text = (value: string, marks?: unknown[]) => (marks ? { type: "text", text: value, marks } : { type: "text", text: value });

function html(input: string) {
  const result = parseRichText(input);
  if (!result.ok) throw new Error(result.error);
  return result.html;
}

describe("parseRichText: what is kept", () => {
  it("keeps bold, italic, inline code and safe links, with rel on links", () => {
    const input = doc(
      p(
        text("Pay ", [{ type: "bold" }]),
        text("faster", [{ type: "italic" }]),
        text(" with "),
        text("Bizum", [{ type: "link", attrs: { href: "https://bizum.es/", target: "_blank", class: "x" } }]),
        text(" or "),
        text("code()", [{ type: "code" }]),
      ),
    );
    expect(html(input)).toBe(
      '<p><strong>Pay </strong><em>faster</em> with <a href="https://bizum.es/" rel="nofollow ugc noopener">Bizum</a> or <code>code()</code></p>',
    );
  });

  it("renders lists, quotes, code blocks and line breaks", () => {
    const input = doc(
      { type: "bulletList", content: [{ type: "listItem", content: [p(text("one"))] }] },
      { type: "orderedList", attrs: { start: 3 }, content: [{ type: "listItem", content: [p(text("three"))] }] },
      { type: "blockquote", content: [p(text("quoted"), { type: "hardBreak" }, text("line"))] },
      { type: "codeBlock", content: [text("if (a < b) {}")] },
    );
    expect(html(input)).toBe(
      '<ul><li><p>one</p></li></ul><ol start="3"><li><p>three</p></li></ol><blockquote><p>quoted<br>line</p></blockquote><pre><code>if (a &lt; b) {}</code></pre>',
    );
  });

  it("keeps mailto links", () => {
    expect(html(doc(p(text("write", [{ type: "link", attrs: { href: "mailto:team@example.com" } }]))))).toBe(
      '<p><a href="mailto:team@example.com" rel="nofollow ugc noopener">write</a></p>',
    );
  });
});

describe("parseRichText: what is dropped", () => {
  it("escapes script tags typed as text", () => {
    expect(html(doc(p(text('<script>alert("x")</script>'))))).toBe("<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p>");
  });

  it("drops unknown nodes such as script and iframe, keeping any text they wrapped", () => {
    const input = doc(p(text("before")), { type: "iframe", attrs: { src: "https://evil.example" } }, { type: "script", content: [text("alert(1)")] });
    const result = html(input);
    expect(result).not.toMatch(/<iframe|<script|evil/);
    expect(result).toContain("<p>before</p>");
  });

  it("drops event handlers, style and other attributes the schema does not define", () => {
    const input = doc({ type: "paragraph", attrs: { style: "color:red", onclick: "alert(1)", onerror: "x" }, content: [text("hi")] });
    expect(html(input)).toBe("<p>hi</p>");
  });

  it("drops javascript:, data: and relative links but keeps their text", () => {
    for (const href of ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html;base64,PHNjcmlwdD4=", "/relative", "vbscript:x"]) {
      expect(html(doc(p(text("click", [{ type: "link", attrs: { href } }]))))).toBe("<p>click</p>");
    }
  });

  it("drops unknown marks and headings' markup", () => {
    const input = doc({ type: "heading", attrs: { level: 1 }, content: [text("Title", [{ type: "strike" }, { type: "bold" }])] });
    expect(html(input)).not.toMatch(/<h1|<s>|strike/);
    expect(parseRichText(input)).toMatchObject({ ok: true, text: "Title" });
  });

  it("survives malformed JSON and broken structures without throwing", () => {
    expect(parseRichText('{"type":"doc","content":[')).toMatchObject({ ok: true, html: "<p>{&quot;type&quot;:&quot;doc&quot;,&quot;content&quot;:[</p>" });
    expect(parseRichText(doc(text("text straight in the doc")))).toMatchObject({ ok: true, text: "text straight in the doc" });
    expect(parseRichText(doc({ type: "listItem", content: [p(text("orphan"))] }))).toMatchObject({ ok: true, text: "orphan" });
    expect(parseRichText(JSON.stringify({ type: "doc", content: "nope" }))).toMatchObject({ ok: false, error: "errors.field.required" });
    expect(parseRichText(42)).toEqual({ ok: false, error: "errors.richText.invalid" });
  });
});

describe("parseRichText: plain text and limits", () => {
  it("turns plain text from the textarea into paragraphs and line breaks", () => {
    expect(html("First line\nsecond line\n\nNew paragraph <b>not bold</b>")).toBe(
      "<p>First line<br>second line</p><p>New paragraph &lt;b&gt;not bold&lt;/b&gt;</p>",
    );
  });

  it("gives the plain text for search and excerpts", () => {
    expect(parseRichText(doc(p(text("One")), p(text("Two"))))).toMatchObject({ ok: true, text: "One\n\nTwo" });
  });

  it("accepts exactly the limit and refuses one character more", () => {
    expect(parseRichText("a".repeat(RICH_TEXT_MAX))).toMatchObject({ ok: true });
    expect(parseRichText("a".repeat(RICH_TEXT_MAX + 1))).toEqual({ ok: false, error: "errors.richText.tooLong" });
  });

  it("refuses an empty body", () => {
    expect(parseRichText("   \n\n  ")).toEqual({ ok: false, error: "errors.field.required" });
    expect(parseRichText(doc(p()))).toEqual({ ok: false, error: "errors.field.required" });
  });

  it("round-trips plain text through a document", () => {
    expect(docToPlainText(plainTextToDoc("a\nb\n\nc"))).toBe("a\nb\n\nc");
  });
});
