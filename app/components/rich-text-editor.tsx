import { EditorContent, useEditor, useEditorState, type Editor } from "@tiptap/react";
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode, type RefObject } from "react";
import { useTranslation } from "react-i18next";
import { clsx } from "~/lib/clsx";
import { docToPlainText, isAllowedHref, parseDocJson, plainTextToDoc, type RichTextJson } from "~/lib/rich-text";
import { richTextExtensions } from "~/lib/rich-text-schema";

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
  const { name, id, labelId, defaultValue, invalid, describedBy, variant, rows = 8, heights, fallback, onReady } = props;
  const ownTextarea = useRef<HTMLTextAreaElement>(null);
  const wrapper = useRef<HTMLDivElement>(null);
  /** The document as JSON for the form; null until the editor has taken over from the textarea. */
  const [json, setJson] = useState<string | null>(null);
  const [focusWhenReady, setFocusWhenReady] = useState(false);
  const ready = json !== null;

  const editor = useEditor({
    extensions: richTextExtensions,
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
        {editor && ready ? <Toolbar editor={editor} variant={variant} /> : null}
        <EditorContent editor={editor} className="flex flex-1 flex-col" />
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

type ToolbarButton = { key: string; label: string; icon: ReactNode; pressed: boolean; run: () => void };

/**
 * The formatting toolbar (WAI-ARIA toolbar pattern): one tab stop, arrow keys, Home and End
 * move between buttons; each button says what it does and whether it is on.
 */
function Toolbar({ editor, variant }: { editor: Editor; variant: "full" | "light" }) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState(0);
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

  const setLink = () => {
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

  const buttons: ToolbarButton[] = [
    { key: "bold", label: t("editor.bold"), icon: <strong>B</strong>, pressed: state.bold, run: () => editor.chain().focus().toggleBold().run() },
    { key: "italic", label: t("editor.italic"), icon: <em className="font-serif">I</em>, pressed: state.italic, run: () => editor.chain().focus().toggleItalic().run() },
    { key: "link", label: t("editor.link"), icon: <span className="underline">a</span>, pressed: state.link, run: setLink },
    { key: "code", label: t("editor.code"), icon: <code>{"<>"}</code>, pressed: state.code, run: () => editor.chain().focus().toggleCode().run() },
    { key: "bulletList", label: t("editor.bulletList"), icon: "•", pressed: state.bulletList, run: () => editor.chain().focus().toggleBulletList().run() },
    { key: "orderedList", label: t("editor.orderedList"), icon: "1.", pressed: state.orderedList, run: () => editor.chain().focus().toggleOrderedList().run() },
    { key: "blockquote", label: t("editor.quote"), icon: "“", pressed: state.blockquote, run: () => editor.chain().focus().toggleBlockquote().run() },
    ...(variant === "full"
      ? [{ key: "codeBlock", label: t("editor.codeBlock"), icon: <code>{"{}"}</code>, pressed: state.codeBlock, run: () => editor.chain().focus().toggleCodeBlock().run() }]
      : []),
  ];

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const last = buttons.length - 1;
    const moves: Record<string, number> = { ArrowRight: index === last ? 0 : index + 1, ArrowLeft: index === 0 ? last : index - 1, Home: 0, End: last };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    setCurrent(next);
    event.currentTarget.parentElement?.querySelectorAll("button")[next]?.focus();
  };

  return (
    <div role="toolbar" aria-label={t("editor.toolbar")} className="flex flex-wrap gap-1 border-b border-stone-300 p-1">
      {buttons.map((button, index) => (
        <button
          key={button.key}
          type="button"
          tabIndex={index === current ? 0 : -1}
          aria-label={button.label}
          title={button.label}
          aria-pressed={button.pressed}
          onClick={() => {
            setCurrent(index);
            button.run();
          }}
          onKeyDown={(event) => onKeyDown(event, index)}
          className={clsx(
            "min-w-9 rounded px-2 py-1 text-sm",
            button.pressed ? "bg-brand-700 text-white" : "text-stone-800 hover:bg-stone-100",
          )}
        >
          <span aria-hidden="true">{button.icon}</span>
        </button>
      ))}
    </div>
  );
}
