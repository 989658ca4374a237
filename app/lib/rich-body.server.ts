import { getSchema } from "@tiptap/core";
import { Fragment, Mark, Node as ProseMirrorNode, type ContentMatch, type NodeType, type Schema } from "@tiptap/pm/model";
import { escapeHtml } from "~/lib/html";
import { ok, refused, type Result } from "~/lib/result";
import { isAllowedHref, parseDocJson, plainTextToDoc } from "~/lib/rich-text";
import { richTextExtensions } from "~/lib/rich-text-schema";
import { markSafeHtml, type SafeHtml } from "~/lib/safe-html";
import { CONTENT_IMAGE_SRC, uploadSrcSet } from "~/lib/upload-paths";

/** The longest body, in characters of plain text (what search and excerpts see). */
export const RICH_TEXT_MAX = 20_000;
/** The editor's JSON is larger than its text; a submission far larger than that is refused unread. */
const JSON_OVERHEAD = 50;
/** Deeper nesting (quotes in lists in quotes…) is flattened to paragraphs, which also bounds recursion. */
const MAX_DEPTH = 32;
const MAX_MARKS = 8;

export type RichTextError = "errors.field.required" | "errors.richText.tooLong" | "errors.richText.invalid";

/**
 * A rich-text body as it is stored and shown: the editor's JSON document (validated against its
 * schema), the HTML rendered from it through an allow-list, and its plain text (search, excerpts,
 * emails). Ideas, comments, status notes, challenge briefs and results notes all hold one.
 */
export type RichBody = { json: string; html: SafeHtml; text: string };

/** What a deleted comment keeps of its body: nothing. */
export const EMPTY_RICH_BODY: RichBody = { json: "{}", html: markSafeHtml(""), text: "" };

const schema: Schema = getSchema(richTextExtensions);
const paragraph = schema.nodes.paragraph!;
const hardBreak = schema.nodes.hardBreak!;
const image = schema.nodes.image!;
/** An image's alt text: a sentence or two. */
const ALT_MAX = 250;
const mention = schema.nodes.mention!;

/** A person's id as the app makes them (generateId) and as tests name them. */
const PERSON_ID = /^[A-Za-z0-9_-]{1,64}$/;
/** Mentions in one body beyond this many stay words, and notify no one. */
export const MAX_MENTIONS = 20;
/** The name a mention shows, when it is only words. */
const MENTION_LABEL_MAX = 100;

/**
 * The people a body may mention, by id, with the name each mention is to show (checked by the
 * caller: they exist). A mention of anyone else is kept as its words ("@Ana"), not as a link.
 */
export type MentionablePeople = ReadonlyMap<string, string>;
const NOBODY: MentionablePeople = new Map();

/**
 * The body a form sent — the editor's JSON document, or plain text from the no-JavaScript
 * textarea — as a RichBody whose document fits the editor's schema. Nothing is trusted: the
 * document is rebuilt node by node from the schema, so unknown nodes give way to the text they
 * held, unknown marks and attributes are dropped, and links keep only an http, https or mailto
 * address.
 */
export function richBodyFrom(input: unknown, maxTextLength = RICH_TEXT_MAX, people: MentionablePeople = NOBODY): Result<RichBody, RichTextError> {
  if (typeof input !== "string") return refused("errors.richText.invalid");
  if (input.length > maxTextLength * JSON_OVERHEAD) return refused("errors.richText.tooLong");
  const json = parseDocJson(input);

  let doc: ProseMirrorNode;
  try {
    doc = sanitizeDoc(json ?? plainTextToDoc(input), people);
    doc.check();
  } catch {
    // Not expected (the sanitizer builds only what the schema allows), but never lose the words.
    try {
      doc = sanitizeDoc(plainTextToDoc(json ? textOf(json) : input), NOBODY);
    } catch {
      return refused("errors.richText.invalid");
    }
  }

  const text = doc.textBetween(0, doc.content.size, "\n\n", (leaf) => (leaf.type === mention ? mentionText(leaf) : "\n")).trim();
  if (!text) return refused("errors.field.required");
  if (text.length > maxTextLength) return refused("errors.richText.tooLong");
  return ok({ json: JSON.stringify(doc.toJSON()), html: markSafeHtml(renderHtml(doc)), text });
}

// ---------------------------------------------------------------------------------------------
// Sanitizing: JSON → a ProseMirror document that passes node.check()

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function sanitizeDoc(json: unknown, people: MentionablePeople): ProseMirrorNode {
  const content = isObject(json) && Array.isArray(json.content) ? json.content : [];
  const docType = schema.topNodeType;
  const doc = fit(docType, null, content.flatMap((child) => build(child, 1, people)));
  // Empty paragraphs at either end (the editor keeps one after a final list) mean nothing.
  const blocks = doc ? childrenOf(doc) : [];
  const isEmpty = (node: ProseMirrorNode) => node.type === paragraph && node.content.size === 0;
  while (blocks.length > 0 && isEmpty(blocks[0]!)) blocks.shift();
  while (blocks.length > 0 && isEmpty(blocks.at(-1)!)) blocks.pop();
  return blocks.length > 0 ? docType.createChecked(null, blocks) : docType.createAndFill()!;
}

/** One JSON node → the nodes that stand for it (possibly none, possibly its children instead). */
/** Paragraphs made from unknown nodes that held only text: maybe blocks, maybe inline wrappers. */
const inlineWrappers = new WeakSet<ProseMirrorNode>();

function build(json: unknown, depth: number, people: MentionablePeople): ProseMirrorNode[] {
  if (!isObject(json)) return [];
  const type = typeof json.type === "string" && Object.hasOwn(schema.nodes, json.type) ? schema.nodes[json.type] : undefined;
  if (type?.isText) {
    const text = cleanText(json.text);
    return text ? [schema.text(text, cleanMarks(json.marks))] : [];
  }
  if (type === hardBreak) return [hardBreak.create()];
  if (type === image) {
    // Only an image uploaded to this site; anything else (another host, a data: URL) is dropped.
    const attrs = cleanAttrs(image, json.attrs);
    return attrs ? [image.create(attrs)] : [];
  }
  if (type === mention) return buildMention(json.attrs, people);
  if (depth > MAX_DEPTH) return plainParagraphs(textOf(json));
  const children = Array.isArray(json.content) ? json.content.flatMap((child) => build(child, depth + 1, people)) : [];
  if (!type || type === schema.topNodeType) {
    // Unknown (a heading, an iframe, a span…) or a doc inside the doc: keep what it held, as blocks.
    const blocks = asBlocks(children);
    // Held only text? Then it may have been inline (a span): inside a paragraph it joins the line.
    if (children.every((child) => child.isInline)) blocks.forEach((block) => inlineWrappers.add(block));
    return blocks;
  }
  const node = fit(type, cleanAttrs(type, json.attrs), children);
  return node ? [node] : [];
}

/**
 * A mention of a person the caller vouched for, with the name the caller gave (never the name
 * the document claims); any other stays as the words it showed.
 */
function buildMention(attrs: unknown, people: MentionablePeople): ProseMirrorNode[] {
  const id = isObject(attrs) ? attrs.id : undefined;
  const name = typeof id === "string" ? people.get(id) : undefined;
  if (typeof id === "string" && name !== undefined) return [mention.create({ id, label: name })];
  const label = isObject(attrs) ? cleanText(attrs.label).replace(/\s+/g, " ").trim().slice(0, MENTION_LABEL_MAX) : "";
  return label ? [schema.text(`@${label}`)] : [];
}

/**
 * Builds a node of `type` from children that may not fit it: each child is placed where the
 * schema allows, wrapped (a stray list item gets its list), preceded by what the schema requires
 * (a list item's first paragraph), or unwrapped into its own children. Returns null for a
 * container left empty (a list with no items).
 */
function fit(type: NodeType, attrs: JsonObject | null, children: ProseMirrorNode[]): ProseMirrorNode | null {
  if (type.isTextblock) return type.createChecked(attrs, inlineFor(type, children));

  type Pending = { wrapper: NodeType; nodes: ProseMirrorNode[]; match: ContentMatch | null };
  const placed: Array<ProseMirrorNode | Pending> = [];
  let match = type.contentMatch;
  const queue = asBlocks(children);
  while (queue.length > 0) {
    const child = queue.shift()!;
    const direct = match.matchType(child.type);
    if (direct) {
      placed.push(child);
      match = direct;
      continue;
    }
    // Right after a wrapper we made (a list for a stray item), the next stray item joins it.
    const last = placed.at(-1);
    const next = last && !(last instanceof ProseMirrorNode) ? last.match?.matchType(child.type) : null;
    if (last && !(last instanceof ProseMirrorNode) && next) {
      last.nodes.push(child);
      last.match = next;
      continue;
    }
    const wrapping = match.findWrapping(child.type);
    const afterWrapper = wrapping?.length ? match.matchType(wrapping[0]!) : null;
    if (wrapping?.length && afterWrapper) {
      const wrapper = wrapping[0]!;
      placed.push({ wrapper, nodes: [child], match: wrapping.length === 1 ? wrapper.contentMatch.matchType(child.type) : null });
      match = afterWrapper;
      continue;
    }
    const filler = match.fillBefore(Fragment.from(child));
    const afterFiller = filler ? match.matchFragment(filler)?.matchType(child.type) : null;
    if (filler && afterFiller) {
      filler.forEach((node) => placed.push(node));
      placed.push(child);
      match = afterFiller;
      continue;
    }
    // Nowhere to put it: its content may still fit (a code block's text inside a list…).
    if (!child.isLeaf) queue.unshift(...asBlocks(childrenOf(child)));
  }

  if (placed.length === 0) return null;
  const nodes = placed.flatMap((item) => (item instanceof ProseMirrorNode ? [item] : (fit(item.wrapper, null, item.nodes) ?? [])));
  const end = match.validEnd ? Fragment.empty : match.fillBefore(Fragment.empty, true);
  const content = Fragment.fromArray(nodes).append(end ?? Fragment.empty);
  return type.createChecked(attrs, content);
}

/** Loose inline nodes (text whose block was unknown) are gathered into paragraphs. */
function asBlocks(nodes: ProseMirrorNode[]): ProseMirrorNode[] {
  const blocks: ProseMirrorNode[] = [];
  let run: ProseMirrorNode[] = [];
  const flush = () => {
    if (run.length > 0) blocks.push(paragraph.create(null, inlineFor(paragraph, run)));
    run = [];
  };
  for (const node of nodes) {
    if (node.isInline) run.push(node);
    else {
      flush();
      blocks.push(node);
    }
  }
  flush();
  return blocks;
}

/** The inline content a textblock accepts: blocks inside it become lines, disallowed marks go. */
function inlineFor(type: NodeType, nodes: ProseMirrorNode[]): ProseMirrorNode[] {
  const inline: ProseMirrorNode[] = [];
  let afterBlock = false;
  const addLine = (textblock: ProseMirrorNode) => {
    if (inline.length > 0) inline.push(hardBreak.create());
    textblock.forEach((child) => inline.push(child));
    afterBlock = true;
  };
  for (const node of nodes) {
    if (inlineWrappers.has(node)) {
      node.forEach((child) => inline.push(child));
    } else if (node.isInline) {
      if (afterBlock) inline.push(hardBreak.create());
      inline.push(node);
      afterBlock = false;
    } else if (node.isTextblock) {
      addLine(node);
    } else {
      // A block inside a textblock (a quote pasted into a paragraph): each of its lines is kept.
      node.descendants((descendant) => (descendant.isTextblock ? (addLine(descendant), false) : true));
    }
  }

  // A code block holds bare text: line breaks become newlines, marks are dropped.
  if (!type.contentMatch.matchType(hardBreak)) {
    const text = inline.map((node) => (node.isText ? node.text : node.type === mention ? mentionText(node) : "\n")).join("");
    return text ? [schema.text(text)] : [];
  }
  // Elsewhere a newline inside a text node is a line break, as in the textarea.
  return inline.flatMap((node) => {
    if (!node.isText) return [node];
    const marks = node.marks.filter((mark) => type.allowsMarkType(mark.type));
    return node.text!.split("\n").flatMap((line, index) => [
      ...(index > 0 ? [hardBreak.create()] : []),
      ...(line ? [schema.text(line, marks)] : []),
    ]);
  });
}

function childrenOf(node: ProseMirrorNode): ProseMirrorNode[] {
  const children: ProseMirrorNode[] = [];
  node.forEach((child) => children.push(child));
  return children;
}

// eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const LONE_SURROGATES = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function cleanText(value: unknown): string {
  if (typeof value !== "string") return "";
  return value.replace(/\r\n?/g, "\n").replace(CONTROL_CHARACTERS, "").replace(LONE_SURROGATES, "\uFFFD");
}

/** Marks the schema knows, without their attributes — except a link's href, when it is safe. */
function cleanMarks(value: unknown): readonly Mark[] {
  if (!Array.isArray(value)) return Mark.none;
  let marks = Mark.none;
  for (const item of value.slice(0, MAX_MARKS)) {
    if (!isObject(item) || typeof item.type !== "string" || !Object.hasOwn(schema.marks, item.type)) continue;
    const type = schema.marks[item.type]!;
    if (type.name === "link") {
      const href = isObject(item.attrs) ? item.attrs.href : undefined;
      if (isAllowedHref(href)) marks = type.create({ href }).addToSet(marks);
    } else {
      marks = type.create().addToSet(marks);
    }
  }
  return marks;
}

/** The few node attributes worth keeping, checked; everything else takes the schema's default. */
function cleanAttrs(type: NodeType, attrs: unknown): JsonObject | null {
  if (!isObject(attrs)) return null;
  if (type.name === "orderedList") {
    const start = attrs.start;
    return typeof start === "number" && Number.isInteger(start) && start >= 0 && start <= 1_000_000 ? { start } : null;
  }
  if (type === image) {
    const src = attrs.src;
    if (typeof src !== "string" || !CONTENT_IMAGE_SRC.test(src)) return null;
    const size = (value: unknown) => (typeof value === "number" && Number.isInteger(value) && value > 0 && value <= 10_000 ? value : null);
    return { src, alt: cleanText(attrs.alt).replace(/\s+/g, " ").trim().slice(0, ALT_MAX), width: size(attrs.width), height: size(attrs.height) };
  }
  if (type.name === "codeBlock") {
    const language = attrs.language;
    return typeof language === "string" && /^[a-z0-9][a-z0-9+#._-]{0,31}$/i.test(language) ? { language } : null;
  }
  return null;
}

/** The words of any JSON tree, block by block, without recursion (the tree may be very deep). */
function textOf(root: unknown): string {
  const BREAK = Symbol("break");
  const parts: string[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === BREAK) parts.push("\n\n");
    else if (!isObject(node)) continue;
    else if (node.type === "text" && typeof node.text === "string") parts.push(node.text);
    else if (node.type === "hardBreak") parts.push("\n");
    else if (node.type === "mention" && isObject(node.attrs) && typeof node.attrs.label === "string") parts.push(`@${node.attrs.label}`);
    else if (Array.isArray(node.content)) stack.push(BREAK, ...[...node.content].reverse(), BREAK);
  }
  return parts.join("");
}

function plainParagraphs(text: string): ProseMirrorNode[] {
  return (plainTextToDoc(text).content ?? []).flatMap((block) => build(block, 0, NOBODY));
}

function mentionText(node: ProseMirrorNode) {
  return `@${String(node.attrs.label ?? "")}`;
}

/**
 * The people a document (the editor's JSON, as sent or as stored) mentions, in order, each once,
 * at most MAX_MENTIONS of them: whom to look up before richBodyFrom, and whom a saved body names.
 * Plain text mentions no one. Iterative, like textOf: the tree may be very deep.
 */
export function mentionedIds(input: string): string[] {
  const json = parseDocJson(input);
  const ids = new Set<string>();
  const stack: unknown[] = json ? [json] : [];
  while (stack.length > 0 && ids.size < MAX_MENTIONS) {
    const node = stack.pop();
    if (!isObject(node)) continue;
    if (node.type === "mention") {
      const id = isObject(node.attrs) ? node.attrs.id : undefined;
      if (typeof id === "string" && PERSON_ID.test(id)) ids.add(id);
    } else if (Array.isArray(node.content)) {
      stack.push(...[...node.content].reverse());
    }
  }
  return [...ids];
}

// ---------------------------------------------------------------------------------------------
// Rendering

const BLOCK_TAGS: Record<string, string> = {
  paragraph: "p",
  blockquote: "blockquote",
  bulletList: "ul",
  listItem: "li",
};

const MARK_TAGS: Record<string, string> = { bold: "strong", italic: "em", code: "code" };

/**
 * HTML from an allow-list of tags, written by hand over the sanitized tree rather than with a
 * DOM serializer or @tiptap/static-renderer: no DOM is needed on the server, and nothing the
 * extensions' renderHTML might add (classes, target, data attributes) can slip through. Every
 * text and attribute value is escaped, and the only attributes ever written are a link's href
 * (an http, https or mailto URL, checked again here), its rel, an ordered list's start, an
 * image's address (one of this site's uploads, checked again here), sizes and alt text, and a
 * mention's class and address (the person's page).
 */
function renderHtml(node: ProseMirrorNode): string {
  const name = node.type.name;
  if (node.isText) return renderMarks(node.marks, escapeHtml(node.text ?? ""));
  if (name === "hardBreak") return "<br>";
  if (name === "codeBlock") return `<pre><code>${escapeHtml(node.textContent)}</code></pre>`;
  if (name === "image") return renderImage(node);
  if (name === "mention") return renderMention(String(node.attrs.id), String(node.attrs.label ?? ""));
  const inner = childrenOf(node).map(renderHtml).join("");
  if (name === "doc") return inner;
  if (name === "orderedList") {
    const start = node.attrs.start;
    return Number.isSafeInteger(start) && start !== 1 ? `<ol start="${start}">${inner}</ol>` : `<ol>${inner}</ol>`;
  }
  const tag = Object.hasOwn(BLOCK_TAGS, name) ? BLOCK_TAGS[name] : undefined;
  return tag ? `<${tag}>${inner}</${tag}>` : inner;
}

function renderImage(node: ProseMirrorNode) {
  const src: unknown = node.attrs.src;
  const id = typeof src === "string" ? CONTENT_IMAGE_SRC.exec(src)?.[1] : undefined;
  if (!id) return "";
  const { width, height, alt } = node.attrs as { width: unknown; height: unknown; alt: unknown };
  const size = Number.isSafeInteger(width) && Number.isSafeInteger(height) ? ` width="${String(width)}" height="${String(height)}"` : "";
  return `<img src="${escapeHtml(src as string)}" srcset="${escapeHtml(uploadSrcSet(id, "image"))}" sizes="(min-width: 48rem) 48rem, 100vw" alt="${escapeHtml(typeof alt === "string" ? alt : "")}"${size} loading="lazy">`;
}

function renderMarks(marks: readonly Mark[], html: string) {
  return marks.reduceRight((wrapped, mark) => {
    const name = mark.type.name;
    if (name === "link") {
      const href: unknown = mark.attrs.href;
      return isAllowedHref(href) ? `<a href="${escapeHtml(href)}" rel="nofollow ugc noopener">${wrapped}</a>` : wrapped;
    }
    const tag = Object.hasOwn(MARK_TAGS, name) ? MARK_TAGS[name] : undefined;
    return tag ? `<${tag}>${wrapped}</${tag}>` : wrapped;
  }, html);
}

/**
 * A mention as HTML: a link to the person's page. Its exact form is what renameMentions finds
 * again: nothing else writes `<a class="mention"`, as every text and attribute is escaped.
 */
function renderMention(id: string, name: string) {
  return PERSON_ID.test(id) ? `<a class="mention" href="/people/${id}">@${escapeHtml(name)}</a>` : escapeHtml(`@${name}`);
}

const RENDERED_MENTION = /<a class="mention" href="\/people\/([A-Za-z0-9_-]{1,64})">@[^<]*<\/a>/g;

/** The people a stored body's HTML mentions (their ids), to look up their current names. */
export function mentionedIdsInHtml(html: SafeHtml): string[] {
  if (!html.includes('<a class="mention"')) return [];
  return [...new Set(Array.from(html.matchAll(RENDERED_MENTION), (match) => match[1]!))];
}

/**
 * A stored body's HTML with each mention showing the person's name as it is now (names change).
 * A person who is no longer there (a deleted account) keeps their former name, without a link.
 */
export function renameMentions(html: SafeHtml, names: ReadonlyMap<string, { name: string; present: boolean }>): SafeHtml {
  if (!html.includes('<a class="mention"')) return html;
  return markSafeHtml(
    html.replace(RENDERED_MENTION, (found, id: string) => {
      const person = names.get(id);
      if (!person) return found;
      return person.present ? renderMention(id, person.name) : `<span class="mention">${escapeHtml(`@${person.name}`)}</span>`;
    }),
  );
}
