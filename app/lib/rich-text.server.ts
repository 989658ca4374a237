import { getSchema } from "@tiptap/core";
import type { Mark, Node as ProseMirrorNode, Schema } from "@tiptap/pm/model";
import { isAllowedHref, parseDocJson, plainTextToDoc, type RichTextJson } from "~/lib/rich-text";
import { richTextExtensions } from "~/lib/rich-text-schema";

export const RICH_TEXT_MAX = 20_000;

const schema: Schema = getSchema(richTextExtensions);

type RichTextResult =
  | { ok: true; doc: RichTextJson; html: string; text: string }
  | { ok: false; error: "errors.field.required" | "errors.richText.tooLong" | "errors.richText.invalid" };

/**
 * Accepts what the idea or comment form sent (the editor's JSON, or plain text from the
 * no-JavaScript textarea) and returns a document that fits the editor's schema, its HTML
 * and its plain text. Whatever the schema does not know is dropped; nothing a person types
 * can become markup other than the allow-list below.
 */
export function parseRichText(input: unknown, maxTextLength = RICH_TEXT_MAX): RichTextResult {
  if (typeof input !== "string") return { ok: false, error: "errors.richText.invalid" };
  if (input.length > maxTextLength * 20) return { ok: false, error: "errors.richText.tooLong" };
  const json = parseDocJson(input) ?? plainTextToDoc(input);

  let doc: ProseMirrorNode;
  try {
    doc = schema.nodeFromJSON(clean(json, "doc") ?? { type: "doc", content: [] });
    doc.check();
  } catch {
    // The structure broke a content rule: keep the words, lose the structure.
    doc = schema.nodeFromJSON(plainTextToDoc(textOf(json)));
  }

  const text = doc.textBetween(0, doc.content.size, "\n\n", "\n").trim();
  if (!text) return { ok: false, error: "errors.field.required" };
  if (text.length > maxTextLength) return { ok: false, error: "errors.richText.tooLong" };
  return { ok: true, doc: doc.toJSON() as RichTextJson, html: renderHtml(doc), text };
}

function textOf(node: unknown): string {
  if (!node || typeof node !== "object") return "";
  const { type, text, content } = node as RichTextJson;
  if (type === "text" && typeof text === "string") return text;
  if (type === "hardBreak") return "\n";
  return Array.isArray(content) ? content.map(textOf).join(type === "paragraph" ? "" : "\n\n") : "";
}

/** Keeps only node types, marks and attributes the schema defines; unknown wrappers are unwrapped. */
function clean(node: unknown, expected?: string): RichTextJson | null {
  if (!node || typeof node !== "object") return null;
  const { type, text, attrs, marks, content } = node as RichTextJson;
  if (expected && type !== expected) return null;
  if (type === "text") {
    if (typeof text !== "string" || text.length === 0) return null;
    const keptMarks = Array.isArray(marks) ? marks.map(cleanMark).filter((mark): mark is RichTextJson => mark !== null) : [];
    return keptMarks.length ? { type, text, marks: keptMarks } : { type, text };
  }
  const nodeType = typeof type === "string" ? schema.nodes[type] : undefined;
  if (!nodeType) return null;
  const children = Array.isArray(content)
    ? content.flatMap((child) => {
        const kept = clean(child);
        // An unknown wrapper (an iframe, a heading…) gives way to whatever it held.
        if (kept) return [kept];
        const childContent = (child as RichTextJson | null)?.content;
        return Array.isArray(childContent) ? childContent.map((grandchild) => clean(grandchild)).filter((n): n is RichTextJson => n !== null) : [];
      })
    : [];
  const result: RichTextJson = { type };
  const keptAttrs = cleanAttrs(attrs, Object.keys(nodeType.spec.attrs ?? {}));
  if (keptAttrs) result.attrs = keptAttrs;
  if (children.length) result.content = children;
  return result;
}

function cleanMark(mark: unknown): RichTextJson | null {
  if (!mark || typeof mark !== "object") return null;
  const { type, attrs } = mark as RichTextJson;
  const markType = typeof type === "string" ? schema.marks[type] : undefined;
  if (!markType) return null;
  if (type === "link") return isAllowedHref(attrs?.href) ? { type, attrs: { href: attrs.href } } : null;
  const keptAttrs = cleanAttrs(attrs, Object.keys(markType.spec.attrs ?? {}));
  return keptAttrs ? { type, attrs: keptAttrs } : { type };
}

/** Attributes the schema declares, with primitive values only. */
function cleanAttrs(attrs: unknown, allowed: string[]) {
  if (!attrs || typeof attrs !== "object") return undefined;
  const kept: Record<string, string | number | boolean | null> = {};
  for (const name of allowed) {
    const value = (attrs as Record<string, unknown>)[name];
    if (value === null || ["string", "number", "boolean"].includes(typeof value)) kept[name] = value as string | number | boolean | null;
  }
  return Object.keys(kept).length ? kept : undefined;
}

function escapeHtml(value: string) {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

const BLOCK_TAGS: Record<string, string> = {
  paragraph: "p",
  blockquote: "blockquote",
  bulletList: "ul",
  listItem: "li",
};

const MARK_TAGS: Record<string, string> = { bold: "strong", italic: "em", code: "code" };

/**
 * HTML from an allow-list of tags, written by hand rather than by a DOM serializer: every
 * text and attribute is escaped, and the only attributes ever written are a link's href (an
 * http, https or mailto URL), its rel, and an ordered list's start number.
 */
export function renderHtml(node: ProseMirrorNode): string {
  const name = node.type.name;
  if (name === "text") return renderMarks(node.marks, escapeHtml(node.text ?? ""));
  if (name === "hardBreak") return "<br>";
  const inner = node.children.map(renderHtml).join("");
  if (name === "doc") return inner;
  if (name === "codeBlock") return `<pre><code>${escapeHtml(node.textContent)}</code></pre>`;
  if (name === "orderedList") {
    const start = Number(node.attrs.start);
    return Number.isSafeInteger(start) && start !== 1 ? `<ol start="${start}">${inner}</ol>` : `<ol>${inner}</ol>`;
  }
  const tag = BLOCK_TAGS[name];
  return tag ? `<${tag}>${inner}</${tag}>` : inner;
}

function renderMarks(marks: readonly Mark[], html: string) {
  return marks.reduceRight((wrapped, mark) => {
    if (mark.type.name === "link") {
      const href = mark.attrs.href;
      return isAllowedHref(href) ? `<a href="${escapeHtml(href)}" rel="nofollow ugc noopener">${wrapped}</a>` : wrapped;
    }
    const tag = MARK_TAGS[mark.type.name];
    return tag ? `<${tag}>${wrapped}</${tag}>` : wrapped;
  }, html);
}
