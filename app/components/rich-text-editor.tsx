import { EditorContent, useEditor, useEditorState, type Editor } from "@tiptap/react";
// Lucide icons, one module each, so that only these nine reach the bundle.
import BoldIcon from "lucide-react/icons/bold";
import CodeIcon from "lucide-react/icons/code";
import ImageIcon from "lucide-react/icons/image";
import ItalicIcon from "lucide-react/icons/italic";
import LinkIcon from "lucide-react/icons/link";
import ListIcon from "lucide-react/icons/list";
import ListOrderedIcon from "lucide-react/icons/list-ordered";
import SquareCodeIcon from "lucide-react/icons/square-code";
import TextQuoteIcon from "lucide-react/icons/text-quote";
import { useEffect, useRef, useState, type KeyboardEvent, type RefObject } from "react";
import { useTranslation } from "~/lib/use-translation";
import { mentionsFrom } from "~/components/mention-suggestions";
import { clsx } from "~/lib/clsx";
import { docToPlainText, isAllowedHref, parseDocJson, plainTextToDoc, type RichTextJson } from "~/lib/rich-text";
import { MentionNode, richTextExtensions } from "~/lib/rich-text-schema";
import { ImageUpload, useImageInsertion } from "~/components/rich-text-images";

export type RichTextEditorProps = {
  name: string;
  /** Goes on the editable area once the editor is ready (and on the textarea before). */
  id: string;
  /** The id of the field's <label>: the editable area's accessible name. */
  labelId: string;
  /** The editor's JSON document, plain text (typed without JavaScript), or "". */
  defaultValue: string;
  invalid: boolean;
  describedBy?: string;
  variant: "full" | "light";
  rows?: number;
  /** Height classes for the textarea and for the editor's box (toolbar included), equal so that nothing moves. */
  heights: { textarea: string; editor: string };
  /**
   * The plain textarea this editor takes over (RichTextField's). What was typed there before
   * the editor loaded, and the focus, carry over. Without it the editor shows its own textarea
   * until it is ready, so the form still works without JavaScript.
   */
  fallback?: RefObject<HTMLTextAreaElement | null>;
  /** Called once the editor has taken over: the fallback textarea must then leave the form. */
  onReady?: () => void;
  /** Where to ask whom "@" may mention (a comment on an idea); without it, "@" is just a character. */
  mentions?: string;
};

/** What the field starts with: the JSON document, unless the plain textarea was edited meanwhile. */
function initialContent(defaultValue: string, typed?: string): RichTextJson {
  const json = parseDocJson(defaultValue);
  if (typed === undefined) return json ?? plainTextToDoc(defaultValue);
  const shown = json ? docToPlainText(json) : defaultValue.replace(/\r\n?/g, "\n");
  return json && typed === shown ? json : plainTextToDoc(typed);
}

/**
 * The tiptap editor over a form field. It loads lazily (see RichTextField) and sends its JSON
 * document in a hidden input with the field's name; the server validates it (rich-body.server.ts).
 */
export default function RichTextEditor(props: RichTextEditorProps) {
  const { name, id, labelId, defaultValue, invalid, describedBy, variant, rows = 8, heights, fallback, onReady, mentions } = props;
  const { t } = useTranslation();
  const ownTextarea = useRef<HTMLTextAreaElement>(null);
  const wrapper = useRef<HTMLDivElement>(null);
  /** The document as JSON for the form; null until the editor has taken over from the textarea. */
  const [json, setJson] = useState<string | null>(null);
  const [focusWhenReady, setFocusWhenReady] = useState(false);
  const ready = json !== null;
  // Ctrl/⌘+K asks for a link, like the toolbar's button; a ref, as the editor keeps its first props.
  const promptForLink = useRef<() => void>(() => {});
  const images = useImageInsertion();

  const editor = useEditor({
    extensions: [
      ...(mentions ? [...richTextExtensions.filter((extension) => extension !== MentionNode), mentionsFrom(mentions)] : richTextExtensions),
      ImageUpload.configure({ onImages: images.onImages }),
    ],
    immediatelyRender: false,
    editorProps: {
      // Re-applied on every render, so aria-invalid follows the server's answer.
      attributes: {
        ...(ready ? { id } : {}),
        role: "textbox",
        "aria-multiline": "true",
        "aria-labelledby": labelId,
        ...(describedBy ? { "aria-describedby": describedBy } : {}),
        ...(invalid ? { "aria-invalid": "true" } : {}),
        class: "rich-text flex-1 px-3 py-2 focus:outline-none",
      },
      handleKeyDown: (_view, event) => {
        if (!(event.metaKey || event.ctrlKey) || event.altKey || event.shiftKey || event.key.toLowerCase() !== "k") return false;
        event.preventDefault();
        promptForLink.current();
        return true;
      },
    },
    onCreate: ({ editor: created }) => {
      const textarea = (fallback ?? ownTextarea).current;
      created.commands.setContent(initialContent(defaultValue, textarea?.value), { emitUpdate: false });
      setJson(JSON.stringify(created.getJSON()));
      const typing = !!textarea && textarea === document.activeElement;
      // Move the caret now, before the next keystroke can land in the departing textarea.
      if (typing) created.commands.focus("end");
      setFocusWhenReady(typing);
      onReady?.();
    },
    onUpdate: ({ editor: current }) => setJson(JSON.stringify(current.getJSON())),
  });

  // Someone typing in the textarea when the editor arrived goes on typing in the editor.
  useEffect(() => {
    if (editor && focusWhenReady) editor.commands.focus("end");
  }, [editor, focusWhenReady]);

  // A <label for> cannot point at an editable div, so clicking the label focuses the editor here.
  useEffect(() => {
    const label = document.getElementById(labelId);
    if (!editor || !label) return;
    const focus = () => editor.commands.focus();
    label.addEventListener("click", focus);
    return () => label.removeEventListener("click", focus);
  }, [editor, labelId]);

  // Resetting the form (after a comment is posted, say) resets the editor too.
  useEffect(() => {
    const form = wrapper.current?.closest("form");
    if (!editor || !form) return;
    const reset = () => {
      editor.commands.setContent(initialContent(defaultValue), { emitUpdate: false });
      setJson(JSON.stringify(editor.getJSON()));
    };
    form.addEventListener("reset", reset);
    return () => form.removeEventListener("reset", reset);
  }, [editor, defaultValue]);

  const setLink = () => {
    if (!editor) return;
    const previous = editor.getAttributes("link").href as string | undefined;
    const answer = window.prompt(t("editor.linkPrompt"), previous ?? "https://");
    if (answer === null) return;
    const href = normalizeHref(answer);
    if (href === "") {
      editor.chain().focus().extendMarkRange("link").unsetLink().run();
    } else if (!isAllowedHref(href)) {
      window.alert(t("editor.linkInvalid"));
      editor.commands.focus();
    } else if (editor.state.selection.empty && !editor.isActive("link")) {
      // Nothing selected: the address itself becomes the link's text.
      editor.chain().focus().insertContent({ type: "text", text: href, marks: [{ type: "link", attrs: { href } }] }).run();
    } else {
      editor.chain().focus().extendMarkRange("link").setLink({ href }).run();
    }
  };

  useEffect(() => {
    promptForLink.current = setLink;
  });

  const plainDefault = (() => {
    const doc = parseDocJson(defaultValue);
    return doc ? docToPlainText(doc) : defaultValue;
  })();

  return (
    <>
      {!fallback && !ready ? (
        <textarea
          ref={ownTextarea}
          id={id}
          name={name}
          rows={rows}
          defaultValue={plainDefault}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          className={clsx("input mt-1", heights.textarea)}
        />
      ) : null}
      <div
        ref={wrapper}
        hidden={!ready}
        className={clsx(
          "mt-1 flex-col rounded-md border bg-white focus-within:outline-3 focus-within:outline-offset-2 focus-within:outline-brand-600",
          ready && "flex",
          heights.editor,
          invalid ? "border-red-700" : "border-stone-500",
        )}
      >
        {ready ? <input type="hidden" name={name} value={json} /> : null}
        {editor && ready ? <Toolbar editor={editor} variant={variant} onLink={setLink} onImage={() => images.pick(editor)} /> : null}
        <EditorContent editor={editor} className="flex flex-1 flex-col" />
        {images.fileInput}
        <p role="status" className="px-3 text-sm text-muted empty:hidden">
          {images.status}
        </p>
      </div>
    </>
  );
}

/** What the link prompt's answer means: "example.com" is https, "ana@example.com" is mailto. */
function normalizeHref(answer: string) {
  const href = answer.trim();
  if (href === "" || href === "https://") return "";
  if (/^[a-z][a-z0-9+.-]*:/i.test(href)) return href;
  if (/^[^\s@/]+@[^\s@/]+\.[^\s@/]+$/.test(href)) return `mailto:${href}`;
  return `https://${href.replace(/^\/+/, "")}`;
}

/** A shortcut as tiptap writes it: "Mod" is ⌘ on Apple devices and Ctrl elsewhere. */
type Shortcut = Array<"Mod" | "Shift" | "Alt" | string>;
/** `pressed` for the buttons that switch something on and off, `shortcut` for those that have one. */
type ToolbarButton = { key: string; label: string; Icon: typeof BoldIcon; shortcut?: Shortcut; pressed?: boolean; run: () => void; groupStart?: boolean };

const isApple = () => /Mac|iPhone|iPad|iPod/.test(navigator.userAgent);

/** The shortcut for aria-keyshortcuts: "Control+Shift+8". */
function ariaShortcut(shortcut: Shortcut) {
  return shortcut.map((key) => (key === "Mod" ? (isApple() ? "Meta" : "Control") : key)).join("+");
}

/** The shortcut as the reader's keyboard labels it: "⌘⇧8" on a Mac, "Ctrl+Mayús+8" in Spanish elsewhere. */
function shownShortcut(shortcut: Shortcut, t: (key: string) => string) {
  if (isApple()) return shortcut.map((key) => ({ Mod: "⌘", Shift: "⇧", Alt: "⌥" })[key] ?? key).join("");
  return shortcut.map((key) => ({ Mod: t("editor.keys.ctrl"), Shift: t("editor.keys.shift"), Alt: t("editor.keys.alt") })[key] ?? key).join("+");
}

/**
 * The formatting toolbar (WAI-ARIA toolbar pattern): one tab stop; arrow keys, Home and End move
 * between buttons. Each button has an icon, a name, its shortcut (aria-keyshortcuts) and a
 * tooltip saying both, shown on hover and keyboard focus, hidden again with Escape. Pressing a
 * button with the mouse leaves the focus (and the selection) in the text.
 */
function Toolbar({ editor, variant, onLink, onImage }: { editor: Editor; variant: "full" | "light"; onLink: () => void; onImage: () => void }) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState(0);
  const [quiet, setQuiet] = useState(false);
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive("bold"),
      italic: e.isActive("italic"),
      code: e.isActive("code"),
      link: e.isActive("link"),
      bulletList: e.isActive("bulletList"),
      orderedList: e.isActive("orderedList"),
      blockquote: e.isActive("blockquote"),
      codeBlock: e.isActive("codeBlock"),
    }),
  });

  const buttons: ToolbarButton[] = [
    { key: "bold", label: t("editor.bold"), Icon: BoldIcon, shortcut: ["Mod", "B"], pressed: state.bold, run: () => editor.chain().focus().toggleBold().run() },
    { key: "italic", label: t("editor.italic"), Icon: ItalicIcon, shortcut: ["Mod", "I"], pressed: state.italic, run: () => editor.chain().focus().toggleItalic().run() },
    { key: "link", label: t("editor.link"), Icon: LinkIcon, shortcut: ["Mod", "K"], pressed: state.link, run: onLink, groupStart: true },
    { key: "code", label: t("editor.code"), Icon: CodeIcon, shortcut: ["Mod", "E"], pressed: state.code, run: () => editor.chain().focus().toggleCode().run() },
    { key: "bulletList", label: t("editor.bulletList"), Icon: ListIcon, shortcut: ["Mod", "Shift", "8"], pressed: state.bulletList, run: () => editor.chain().focus().toggleBulletList().run(), groupStart: true },
    { key: "orderedList", label: t("editor.orderedList"), Icon: ListOrderedIcon, shortcut: ["Mod", "Shift", "7"], pressed: state.orderedList, run: () => editor.chain().focus().toggleOrderedList().run() },
    { key: "blockquote", label: t("editor.quote"), Icon: TextQuoteIcon, shortcut: ["Mod", "Shift", "B"], pressed: state.blockquote, run: () => editor.chain().focus().toggleBlockquote().run() },
    ...(variant === "full"
      ? [{ key: "codeBlock", label: t("editor.codeBlock"), Icon: SquareCodeIcon, shortcut: ["Mod", "Alt", "C"], pressed: state.codeBlock, run: () => editor.chain().focus().toggleCodeBlock().run() }]
      : []),
    { key: "image", label: t("editor.image"), Icon: ImageIcon, run: onImage, groupStart: true },
  ];

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    if (event.key === "Escape") {
      setQuiet(true);
      return;
    }
    const last = buttons.length - 1;
    const moves: Record<string, number> = { ArrowRight: index === last ? 0 : index + 1, ArrowLeft: index === 0 ? last : index - 1, Home: 0, End: last };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    setQuiet(false);
    setCurrent(next);
    event.currentTarget.closest("[role=toolbar]")?.querySelectorAll("button")[next]?.focus();
  };

  return (
    <div
      role="toolbar"
      aria-label={t("editor.toolbar")}
      data-quiet={quiet || undefined}
      onMouseLeave={() => setQuiet(false)}
      // One row on a phone too: its buttons are a little smaller there, and the row scrolls
      // sideways if they still do not fit (phones show no hover tooltips to be clipped).
      className="flex flex-wrap items-center gap-0.5 border-b border-stone-300 p-1 max-sm:flex-nowrap max-sm:overflow-x-auto"
    >
      {buttons.map((button, index) => {
        const keys = button.shortcut ? shownShortcut(button.shortcut, t) : null;
        return (
          <div key={button.key} className="contents">
            {button.groupStart ? <span aria-hidden="true" className="mx-0.5 h-5 w-px shrink-0 bg-stone-300" /> : null}
            <button
              type="button"
              tabIndex={index === current ? 0 : -1}
              aria-label={button.label}
              aria-keyshortcuts={button.shortcut ? ariaShortcut(button.shortcut) : undefined}
              aria-pressed={button.pressed}
              // Keep the caret and the selection in the text: the command applies there at once.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => {
                setCurrent(index);
                button.run();
              }}
              onKeyDown={(event) => onKeyDown(event, index)}
              onBlur={() => setQuiet(false)}
              className={clsx(
                "group relative inline-flex size-8 shrink-0 items-center justify-center rounded max-sm:size-7",
                button.pressed ? "bg-brand-700 text-white" : "text-stone-800 hover:bg-stone-100",
              )}
            >
              <button.Icon aria-hidden="true" className="size-4" strokeWidth={button.key === "bold" ? 2.75 : 2} />
              <span
                aria-hidden="true"
                className={clsx(
                  "pointer-events-none absolute top-full z-20 mt-1.5 hidden whitespace-nowrap rounded bg-stone-900 px-2 py-1 text-xs font-medium text-white shadow group-hover:block group-focus-visible:block in-data-quiet:hidden!",
                  index === 0 ? "left-0" : index === buttons.length - 1 ? "right-0" : "left-1/2 -translate-x-1/2",
                )}
              >
                {keys ? t("editor.tooltip", { action: button.label, keys }) : button.label}
              </span>
            </button>
          </div>
        );
      })}
    </div>
  );
}

