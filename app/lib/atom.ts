/**
 * Atom 1.0 documents (RFC 4287), written by hand: a handful of elements, every value escaped
 * as XML text. HTML content goes in `type="html"` (escaped markup), which every feed reader
 * renders and no reader runs as part of the feed's own document.
 */
export type AtomEntry = {
  /** A permanent IRI: the entry's page, with a fragment when one page holds many entries. */
  id: string;
  title: string;
  url: string;
  updated: Date;
  published?: Date;
  author: string;
  /** Plain text. */
  summary?: string;
  /** Sanitised HTML (the site's own rendering). */
  contentHtml?: string;
};

export type AtomFeed = { id: string; title: string; subtitle?: string; selfUrl: string; alternateUrl: string; updated: Date; entries: AtomEntry[] };

const XML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };
// Characters XML 1.0 does not allow at all (C0 controls but tab, newline, return; lone surrogates).
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function escapeXml(value: string) {
  return value.replace(NOT_XML, "").replace(/[&<>"']/g, (character) => XML_ESCAPES[character]!);
}

const element = (name: string, text: string, attributes = "") => `<${name}${attributes}>${escapeXml(text)}</${name}>`;
const link = (rel: string, href: string, type?: string) => `<link rel="${rel}" href="${escapeXml(href)}"${type ? ` type="${type}"` : ""}/>`;

function entry(item: AtomEntry) {
  return [
    "<entry>",
    element("id", item.id),
    element("title", item.title, ' type="text"'),
    link("alternate", item.url, "text/html"),
    element("updated", item.updated.toISOString()),
    item.published ? element("published", item.published.toISOString()) : "",
    `<author>${element("name", item.author)}</author>`,
    item.summary ? element("summary", item.summary, ' type="text"') : "",
    item.contentHtml ? element("content", item.contentHtml, ' type="html"') : "",
    "</entry>",
  ].join("");
}

export function atomFeed(feed: AtomFeed) {
  return [
    '<?xml version="1.0" encoding="utf-8"?>\n',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    element("id", feed.id),
    element("title", feed.title, ' type="text"'),
    feed.subtitle ? element("subtitle", feed.subtitle, ' type="text"') : "",
    link("self", feed.selfUrl, "application/atom+xml"),
    link("alternate", feed.alternateUrl, "text/html"),
    element("updated", feed.updated.toISOString()),
    element("generator", "Tertulia"),
    ...feed.entries.map(entry),
    "</feed>\n",
  ].join("");
}
