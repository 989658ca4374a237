import StarterKit from "@tiptap/starter-kit";
import { isAllowedHref } from "~/lib/rich-text";

/**
 * The editor's schema, shared by the browser editor and the server validator: paragraphs,
 * bold, italic, bullet and numbered lists, quotes, inline code, code blocks, links, line breaks.
 */
export const richTextExtensions = [
  StarterKit.configure({
    heading: false,
    horizontalRule: false,
    strike: false,
    underline: false,
    link: {
      openOnClick: false,
      autolink: true,
      protocols: ["mailto"],
      defaultProtocol: "https",
      isAllowedUri: (url) => isAllowedHref(url),
      HTMLAttributes: { rel: "nofollow ugc noopener", target: null },
    },
  }),
];
