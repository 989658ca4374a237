// Rich-text helpers that are safe to load on any page: no editor code here (see
// rich-text-schema.ts for the tiptap extensions, loaded only where someone writes).

/** The only link targets a person may write. Anything else is dropped on the server. */
export const ALLOWED_LINK_PROTOCOLS = ["http:", "https:", "mailto:"];

export function isAllowedHref(href: unknown): href is string {
  if (typeof href !== "string" || href.length > 2048) return false;
  try {
    return ALLOWED_LINK_PROTOCOLS.includes(new URL(href).protocol);
  } catch {
    return false;
  }
}

export type RichTextJson = { type: string; text?: string; attrs?: Record<string, unknown>; marks?: RichTextJson[]; content?: RichTextJson[] };

/** Plain text as typed in a textarea → a document: blank lines part paragraphs, newlines break lines. */
export function plainTextToDoc(text: string): RichTextJson {
  const paragraphs = text
    .replace(/\r\n?/g, "\n")
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean);
  return {
    type: "doc",
    content: paragraphs.map((paragraph) => ({
      type: "paragraph",
      content: paragraph.split("\n").flatMap((line, index) => [
        ...(index > 0 ? [{ type: "hardBreak" }] : []),
        ...(line ? [{ type: "text", text: line }] : []),
      ]),
    })),
  };
}

/** Reads what a form field holds: the editor's JSON document, or null when it is plain text. */
export function parseDocJson(value: string): RichTextJson | null {
  if (!value.trimStart().startsWith("{")) return null;
  try {
    const parsed: unknown = JSON.parse(value);
    return parsed && typeof parsed === "object" && (parsed as RichTextJson).type === "doc" ? (parsed as RichTextJson) : null;
  } catch {
    return null;
  }
}

/**
 * The text of a document, as the no-JavaScript textarea shows it. The document may be what a
 * refused form sent back, so nothing in it is taken on trust: content that is not a list of
 * nodes, or text that is not a string, counts as none. Iterative: the tree may be very deep.
 */
export function docToPlainText(root: RichTextJson): string {
  const BLOCKS = new Set(["doc", "blockquote", "bulletList", "orderedList", "listItem"]);
  const parts: string[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node === "string") {
      parts.push(node); // a separator pushed below
      continue;
    }
    if (!node || typeof node !== "object") continue;
    const { type, text, content } = node as { type?: unknown; text?: unknown; content?: unknown };
    if (type === "text") parts.push(typeof text === "string" ? text : "");
    else if (type === "hardBreak") parts.push("\n");
    else if (Array.isArray(content)) {
      const separator = typeof type === "string" && BLOCKS.has(type) ? "\n\n" : "";
      const children = content.filter((child) => child && typeof child === "object");
      for (let index = children.length - 1; index >= 0; index -= 1) {
        stack.push(children[index]);
        if (index > 0 && separator) stack.push(separator);
      }
    }
  }
  return parts.join("");
}
