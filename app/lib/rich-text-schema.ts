import Image from "@tiptap/extension-image";
import Mention from "@tiptap/extension-mention";
import StarterKit from "@tiptap/starter-kit";
import { isAllowedHref } from "~/lib/rich-text";

/**
 * The editor's schema, shared by the browser editor and the server validator: paragraphs,
 * bold, italic, bullet and numbered lists, quotes, inline code, code blocks, links, line breaks,
 * and images uploaded to this site (with their alt text), and mentions of people. Ideas and
 * comments ("full" and "light" toolbars) use this same schema; only the comment editor suggests
 * people to mention, and only comments keep a mention (the server turns one anywhere else back
 * into its words, see richBodyFrom).
 *
 * Kept apart from rich-text.ts so that importing the small helpers there (as RichTextField
 * does on every form) never pulls tiptap into a page's chunk: only rich-text-editor.tsx, which
 * is loaded lazily, and rich-body.server.ts import this file.
 *
 * Links: linkify knows http, https and mailto (and turns "ana@example.com" into a mailto link);
 * isAllowedUri then refuses every other scheme when typing, pasting or setting a link (the
 * server checks again, see isAllowedHref). No custom protocol is registered: linkify accepts
 * registrations only before its first use, and warned each time another editor was made.
 */
/**
 * A mention: an atom holding the person's id and their name as it was written. The server checks
 * the person exists and writes their name itself; pages show the name they have now.
 */
export const MentionNode = Mention.configure({ HTMLAttributes: { class: "mention" } });

export const richTextExtensions = [
  StarterKit.configure({
    heading: false,
    horizontalRule: false,
    strike: false,
    underline: false,
    link: {
      openOnClick: false,
      autolink: true,
      defaultProtocol: "https",
      isAllowedUri: (url) => isAllowedHref(url),
      HTMLAttributes: { rel: "nofollow ugc noopener", target: null },
    },
  }),
  // Only this site's own uploads, pasted as HTML or inserted after an upload (the server's
  // allow-list checks the address again, CONTENT_IMAGE_SRC); never a data: URL.
  Image.extend({ parseHTML: () => [{ tag: 'img[src^="/uploads/"]' }] }).configure({ inline: false, allowBase64: false }),
  MentionNode,
];
