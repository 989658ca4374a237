import { describe, expect, it } from "vitest";
import { MAX_MENTIONS, mentionedIds, mentionedIdsInHtml, renameMentions, richBodyFrom, RICH_TEXT_MAX } from "~/lib/rich-body.server";
import { docToPlainText, isAllowedHref, parseDocJson, plainTextToDoc } from "~/lib/rich-text";
import { plainBody } from "#tests/support/ideas";

const doc = (...content: unknown[]) => JSON.stringify({ type: "doc", content });
const p = (...content: unknown[]) => ({ type: "paragraph", content });
const text = (value: string, marks?: unknown[]) => (marks ? { type: "text", text: value, marks } : { type: "text", text: value });
const link = (href: string, attrs: Record<string, unknown> = {}) => ({ type: "link", attrs: { href, ...attrs } });
const item = (...content: unknown[]) => ({ type: "listItem", content });

function html(input: string) {
  const result = richBodyFrom(input);
  if (!result.ok) throw new Error(result.reason);
  return result.value.html;
}

describe("richBodyFrom: what is kept", () => {
  it("keeps bold, italic, inline code and safe links, with rel on links", () => {
    const input = doc(
      p(
        text("Pay ", [{ type: "bold" }]),
        text("faster", [{ type: "italic" }]),
        text(" with "),
        text("Bizum", [link("https://bizum.es/", { target: "_blank", class: "x", rel: "opener" })]),
        text(" or "),
        text("code()", [{ type: "code" }]),
      ),
    );
    expect(html(input)).toBe(
      '<p><strong>Pay </strong><em>faster</em> with <a href="https://bizum.es/" rel="nofollow ugc noopener">Bizum</a> or <code>code()</code></p>',
    );
  });

  it("drops empty paragraphs at the start and end, not in between", () => {
    expect(html(doc(p(), p(text("a")), p(), p(text("b")), { type: "paragraph" }))).toBe("<p>a</p><p></p><p>b</p>");
  });

  it("nests marks in a stable order", () => {
    expect(html(doc(p(text("both", [{ type: "italic" }, link("http://example.com/"), { type: "bold" }]))))).toBe(
      '<p><a href="http://example.com/" rel="nofollow ugc noopener"><strong><em>both</em></strong></a></p>',
    );
  });

  it("renders lists, quotes, code blocks and line breaks", () => {
    const input = doc(
      { type: "bulletList", content: [item(p(text("one")))] },
      { type: "orderedList", attrs: { start: 3 }, content: [item(p(text("three")))] },
      { type: "blockquote", content: [p(text("quoted"), { type: "hardBreak" }, text("line"))] },
      { type: "codeBlock", attrs: { language: "js" }, content: [text("if (a < b) {}")] },
    );
    expect(html(input)).toBe(
      '<ul><li><p>one</p></li></ul><ol start="3"><li><p>three</p></li></ol><blockquote><p>quoted<br>line</p></blockquote><pre><code>if (a &lt; b) {}</code></pre>',
    );
  });

  it("keeps mailto links", () => {
    expect(html(doc(p(text("write", [link("mailto:team@example.com")]))))).toBe(
      '<p><a href="mailto:team@example.com" rel="nofollow ugc noopener">write</a></p>',
    );
  });

  it("returns a document that reads back to the same HTML", () => {
    const input = doc(p(text("a", [{ type: "bold" }, link("https://example.com/")])), { type: "bulletList", content: [item(p(text("b")))] });
    const first = richBodyFrom(input);
    if (!first.ok) throw new Error(first.reason);
    expect(richBodyFrom(first.value.json)).toEqual(first);
  });
});

describe("richBodyFrom: what is dropped", () => {
  it("escapes script tags typed as text", () => {
    expect(html(doc(p(text('<script>alert("x")</script>'))))).toBe("<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p>");
  });

  it("drops iframes and keeps the text an unknown script node held, as text", () => {
    const input = doc(p(text("before")), { type: "iframe", attrs: { src: "https://evil.example" } }, { type: "script", content: [text("alert(1)")] });
    expect(html(input)).toBe("<p>before</p><p>alert(1)</p>");
  });

  it("drops event handlers, style and other attributes the schema does not define", () => {
    const input = doc(
      { type: "paragraph", attrs: { style: "color:red", onclick: "alert(1)", onerror: "x" }, content: [text("hi")] },
      { type: "blockquote", attrs: { class: "x", onmouseover: "alert(1)" }, content: [p(text("q"))] },
      p(text("img", [{ type: "link", attrs: { href: "https://example.com/", onclick: "alert(1)", style: "x" } }])),
    );
    const result = richBodyFrom(input);
    expect(result).toMatchObject({
      ok: true,
      value: { html: '<p>hi</p><blockquote><p>q</p></blockquote><p><a href="https://example.com/" rel="nofollow ugc noopener">img</a></p>' },
    });
    expect(result.ok && result.value.json).not.toMatch(/onclick|onerror|onmouseover|style/);
  });

  it("drops javascript:, data: and relative links but keeps their text", () => {
    for (const href of ["javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)", "data:text/html;base64,PHNjcmlwdD4=", "/relative", "vbscript:x", "//evil.example"]) {
      expect(html(doc(p(text("click", [link(href)]))))).toBe("<p>click</p>");
    }
  });

  it("escapes quotes in a link's address", () => {
    expect(html(doc(p(text("q", [link('https://a.example/"onmouseover="alert(1)')]))))).toBe(
      '<p><a href="https://a.example/&quot;onmouseover=&quot;alert(1)" rel="nofollow ugc noopener">q</a></p>',
    );
  });

  it("turns unknown blocks into paragraphs that keep their allowed marks", () => {
    const input = doc({ type: "heading", attrs: { level: 1 }, content: [text("Title", [{ type: "strike" }, { type: "bold" }])] }, { type: "horizontalRule" });
    expect(html(input)).toBe("<p><strong>Title</strong></p>");
    expect(richBodyFrom(input)).toMatchObject({ ok: true, value: { text: "Title" } });
  });

  it("keeps an unknown inline wrapper's text on its line", () => {
    expect(html(doc(p(text("Hel"), { type: "span", attrs: { style: "x" }, content: [text("l", [{ type: "italic" }])] }, text("o"))))).toBe(
      "<p>Hel<em>l</em>o</p>",
    );
  });

  it("repairs structure: stray list items get one list, loose text gets a paragraph", () => {
    expect(html(doc(text("loose"), item(p(text("a"))), item(p(text("b"))), p(text("after"))))).toBe(
      "<p>loose</p><ul><li><p>a</p></li><li><p>b</p></li></ul><p>after</p>",
    );
  });

  it("drops marks a code block cannot hold and unsafe node attributes", () => {
    const input = doc(
      { type: "codeBlock", attrs: { language: '"><img src=x onerror=alert(1)>' }, content: [text("x", [{ type: "bold" }])] },
      { type: "orderedList", attrs: { start: '2"><script>' }, content: [item(p(text("y")))] },
    );
    const result = richBodyFrom(input);
    expect(result).toMatchObject({ ok: true, value: { html: "<pre><code>x</code></pre><ol><li><p>y</p></li></ol>" } });
    expect(result.ok && result.value.json).not.toMatch(/onerror|script/);
  });

  it("removes control characters", () => {
    expect(html(doc(p(text("a\u0000b\u0007c"))))).toBe("<p>abc</p>");
  });

  it("survives malformed JSON and broken structures without throwing", () => {
    // Not JSON after all: it is what someone typed, shown as text.
    expect(richBodyFrom('{"type":"doc","content":[')).toMatchObject({ ok: true, value: { html: "<p>{&quot;type&quot;:&quot;doc&quot;,&quot;content&quot;:[</p>" } });
    expect(richBodyFrom(doc({ type: "listItem", content: [p(text("orphan"))] }))).toMatchObject({ ok: true, value: { text: "orphan" } });
    expect(richBodyFrom(JSON.stringify({ type: "doc", content: "nope" }))).toEqual({ ok: false, reason: "errors.field.required" });
    expect(richBodyFrom(doc(null, 1, "x", [p(text("in an array"))], { type: "__proto__" }, { type: "toString", content: [text("t")] }))).toMatchObject({
      ok: true,
      value: { html: "<p>t</p>" },
    });
    expect(richBodyFrom(doc(p({ type: "text", text: 42 }, { type: "text", text: "ok", marks: "bold" })))).toMatchObject({ ok: true, value: { html: "<p>ok</p>" } });
    expect(richBodyFrom(42)).toEqual({ ok: false, reason: "errors.richText.invalid" });
    expect(richBodyFrom(undefined)).toEqual({ ok: false, reason: "errors.richText.invalid" });
  });

  it("flattens very deep nesting instead of overflowing the stack", () => {
    const levels = 5000;
    const deep = `{"type":"doc","content":[${'{"type":"blockquote","content":['.repeat(levels)}{"type":"paragraph","content":[{"type":"text","text":"deep"}]}${"]}".repeat(levels)}]}`;
    const result = richBodyFrom(deep);
    expect(result).toMatchObject({ ok: true, value: { text: "deep" } });
    expect(result.ok && result.value.html.split("<blockquote>").length - 1).toBeLessThanOrEqual(32);
  });
});

describe("richBodyFrom: images", () => {
  const own = "/uploads/AbCdEfGhIjKlMnOpQrSt/1600.webp";
  const img = (attrs: Record<string, unknown>) => ({ type: "image", attrs });

  it("keeps an image uploaded to this site, with its alt text, sizes and every stored width", () => {
    expect(html(doc(p(text("Like this:")), img({ src: own, alt: 'The "new" checkout', width: 1600, height: 900, title: "dropped", onerror: "alert(1)" })))).toBe(
      '<p>Like this:</p><img src="/uploads/AbCdEfGhIjKlMnOpQrSt/1600.webp" srcset="/uploads/AbCdEfGhIjKlMnOpQrSt/800.webp 800w, /uploads/AbCdEfGhIjKlMnOpQrSt/1600.webp 1600w" sizes="(min-width: 48rem) 48rem, 100vw" alt="The &quot;new&quot; checkout" width="1600" height="900" loading="lazy">',
    );
  });

  it("drops an image that points anywhere else: another site, a data: URL, another path or size here", () => {
    for (const src of ["https://evil.example/x.webp", "//evil.example/uploads/AbCdEfGhIjKlMnOpQrSt/1600.webp", "data:image/png;base64,AAAA", "/uploads/AbCdEfGhIjKlMnOpQrSt/1600.webp?x", "/uploads/../secret/1600.webp", "/uploads/AbCdEfGhIjKlMnOpQrSt/800.webp", "javascript:alert(1)", 42]) {
      expect(html(doc(p(text("Look")), img({ src, alt: "x" }))), String(src)).toBe("<p>Look</p>");
    }
    expect(html(doc(p(text("Look")), { type: "image" }))).toBe("<p>Look</p>");
  });

  it("needs words besides the images", () => {
    expect(richBodyFrom(doc(img({ src: own, alt: "Only a picture" })))).toEqual({ ok: false, reason: "errors.field.required" });
  });
});

describe("richBodyFrom: plain text and limits", () => {
  it("turns plain text from the textarea into paragraphs and line breaks", () => {
    expect(html("First line\r\nsecond line\r\n\r\n  \r\nNew paragraph <b>not bold</b>")).toBe(
      "<p>First line<br>second line</p><p>New paragraph &lt;b&gt;not bold&lt;/b&gt;</p>",
    );
  });

  it("does not turn typed markup or URLs into links", () => {
    expect(html('<a href="javascript:alert(1)">x</a> https://example.com')).toBe(
      "<p>&lt;a href=&quot;javascript:alert(1)&quot;&gt;x&lt;/a&gt; https://example.com</p>",
    );
  });

  it("gives the plain text for search and excerpts", () => {
    expect(richBodyFrom(doc(p(text("One"), { type: "hardBreak" }, text("two")), { type: "bulletList", content: [item(p(text("Three")))] }))).toMatchObject({
      ok: true,
      value: { text: "One\ntwo\n\nThree" },
    });
  });

  it("accepts exactly the limit and refuses one character more", () => {
    expect(richBodyFrom("a".repeat(RICH_TEXT_MAX))).toMatchObject({ ok: true });
    expect(richBodyFrom("a".repeat(RICH_TEXT_MAX + 1))).toEqual({ ok: false, reason: "errors.richText.tooLong" });
    expect(richBodyFrom(doc(p(text("a".repeat(RICH_TEXT_MAX)))))).toMatchObject({ ok: true });
    expect(richBodyFrom(doc(p(text("a".repeat(RICH_TEXT_MAX + 1)))))).toEqual({ ok: false, reason: "errors.richText.tooLong" });
  });

  it("takes a smaller limit for comments", () => {
    expect(richBodyFrom("12345", 5)).toMatchObject({ ok: true });
    expect(richBodyFrom("123456", 5)).toEqual({ ok: false, reason: "errors.richText.tooLong" });
  });

  it("refuses an empty body", () => {
    expect(richBodyFrom("")).toEqual({ ok: false, reason: "errors.field.required" });
    expect(richBodyFrom("   \n\n  ")).toEqual({ ok: false, reason: "errors.field.required" });
    expect(richBodyFrom(doc(p()))).toEqual({ ok: false, reason: "errors.field.required" });
    expect(richBodyFrom(doc(p({ type: "hardBreak" }), { type: "bulletList", content: [] }))).toEqual({ ok: false, reason: "errors.field.required" });
  });

  it("round-trips plain text through a document", () => {
    expect(docToPlainText(plainTextToDoc("a\nb\n\nc"))).toBe("a\nb\n\nc");
  });

  // Issue 11: a refused form shows what was sent again, through docToPlainText; content that
  // was not a list of nodes made that page a 500.
  it("shows again, without failing, a document whose content is not a list of nodes", () => {
    expect(docToPlainText(parseDocJson('{"type":"doc","content":"not nodes"}')!)).toBe("");
    expect(docToPlainText(parseDocJson('{"type":"doc","content":{"0":{}}}')!)).toBe("");
    const broken = { type: "doc", content: [{ type: "paragraph", content: "x" }, null, { type: "paragraph", content: [{ type: "text", text: 5 }, { type: "text", text: "kept" }] }] };
    expect(docToPlainText(broken as never)).toBe("\n\nkept");
    let deep: Record<string, unknown> = { type: "text", text: "deep" };
    for (let level = 0; level < 100_000; level += 1) deep = { type: "blockquote", content: [deep] };
    expect(docToPlainText(deep as never)).toBe("deep");
  });
});

describe("the test fixtures' plain bodies", () => {
  it("are what the sanitiser makes of plain text", () => {
    for (const text of ["One line", "Quotes \" and <tags> & 'apostrophes'"]) expect(richBodyFrom(text)).toEqual({ ok: true, value: plainBody(text) });
  });
});

describe("isAllowedHref", () => {
  it("allows only absolute http, https and mailto addresses", () => {
    expect(["https://example.com", "http://example.com/a?b=c", "mailto:a@example.com"].every(isAllowedHref)).toBe(true);
    expect(["javascript:alert(1)", "data:text/html,x", "ftp://example.com", "example.com", "", 42, null].some(isAllowedHref)).toBe(false);
  });
});

describe("mentions", () => {
  const mention = (id: unknown, label: unknown = "Ana") => ({ type: "mention", attrs: { id, label } });
  const people = new Map([["ana1", "Ana Ruiz"]]);
  const withPeople = (input: string) => {
    const result = richBodyFrom(input, RICH_TEXT_MAX, people);
    if (!result.ok) throw new Error(result.reason);
    return result.value;
  };

  it("keeps a mention only of someone the caller vouched for, with the caller's name for them", () => {
    expect(withPeople(doc(p(text("Hi "), mention("ana1", "Somebody Else")))).html).toBe('<p>Hi <a class="mention" href="/people/ana1">@Ana Ruiz</a></p>');
    // Anywhere mentions are not looked up (an idea, a status note), they are their words.
    expect(html(doc(p(text("Hi "), mention("ana1", "Ana Ruiz"))))).toBe("<p>Hi @Ana Ruiz</p>");
    expect(withPeople(doc(p(mention("bob2", '"><script>x</script>'))))).toMatchObject({ html: "<p>@&quot;&gt;&lt;script&gt;x&lt;/script&gt;</p>" });
    expect(withPeople(doc(p(text("x"), mention({ evil: true }), mention("ana1", null))))).toMatchObject({ html: '<p>x@Ana<a class="mention" href="/people/ana1">@Ana Ruiz</a></p>' });
  });

  it("writes a mention in a code block as its words, and counts it in the text", () => {
    const body = withPeople(doc({ type: "codeBlock", content: [text("ping "), mention("ana1")] }, p(mention("ana1"), text(" look"))));
    expect(body.html).toBe('<pre><code>ping @Ana Ruiz</code></pre><p><a class="mention" href="/people/ana1">@Ana Ruiz</a> look</p>');
    expect(body.text).toBe("ping @Ana Ruiz\n\n@Ana Ruiz look");
  });

  it("finds whom a document mentions: each once, ids that could be people, at most MAX_MENTIONS", () => {
    const many = Array.from({ length: MAX_MENTIONS + 5 }, (_, index) => mention(`p${index}`));
    expect(mentionedIds(doc(p(mention("a"), mention("b"), mention("a"), mention("not an id!"), mention(7)), { type: "blockquote", content: [p(mention("c"))] }))).toEqual(["a", "b", "c"]);
    expect(mentionedIds(doc(p(...many)))).toHaveLength(MAX_MENTIONS);
    expect(mentionedIds("@ana plain text")).toEqual([]);
  });

  it("renames rendered mentions, and only those: typed look-alikes are escaped text", () => {
    const stored = withPeople(doc(p(text('<a class="mention" href="/people/ana1">@Fake</a> '), mention("ana1")))).html;
    expect(mentionedIdsInHtml(stored)).toEqual(["ana1"]);
    const names = new Map([["ana1", { name: "Ana <New>", present: true }]]);
    expect(renameMentions(stored, names)).toBe(
      '<p>&lt;a class=&quot;mention&quot; href=&quot;/people/ana1&quot;&gt;@Fake&lt;/a&gt; <a class="mention" href="/people/ana1">@Ana &lt;New&gt;</a></p>',
    );
    expect(renameMentions(stored, new Map())).toBe(stored);
  });
});
