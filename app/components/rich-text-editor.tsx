import { EditorContent, useEditor, useEditorState, type Editor } from "@tiptap/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { clsx } from "~/lib/clsx";
import { parseDocJson, plainTextToDoc } from "~/lib/rich-text";
import { richTextExtensions } from "~/lib/rich-text-schema";

type RichTextEditorProps = {
  name: string;
  id: string;
  labelId: string;
  defaultValue: string;
  invalid: boolean;
  describedBy?: string;
  variant: "full" | "light";
};

/** The tiptap editor; loaded lazily by RichTextField. Its JSON goes to the server in a hidden input. */
export default function RichTextEditor({ name, id, labelId, defaultValue, invalid, describedBy, variant }: RichTextEditorProps) {
  const initial = parseDocJson(defaultValue) ?? plainTextToDoc(defaultValue);
  const [json, setJson] = useState(() => JSON.stringify(initial));
  const editor = useEditor({
    extensions: richTextExtensions,
    content: initial,
    immediatelyRender: false,
    editorProps: {
      attributes: {
        id,
        role: "textbox",
        "aria-multiline": "true",
        "aria-labelledby": labelId,
        ...(describedBy ? { "aria-describedby": describedBy } : {}),
        ...(invalid ? { "aria-invalid": "true" } : {}),
        class: clsx("rich-text min-h-40 px-3 py-2 focus:outline-none", variant === "light" && "min-h-24"),
      },
    },
    onUpdate: ({ editor: current }) => setJson(JSON.stringify(current.getJSON())),
  });

  return (
    <div
      className={clsx(
        "mt-1 rounded-md border bg-white focus-within:outline focus-within:outline-3 focus-within:outline-offset-2 focus-within:outline-brand-600",
        invalid ? "border-red-700" : "border-stone-500",
      )}
    >
      <input type="hidden" name={name} value={json} />
      {editor ? <Toolbar editor={editor} variant={variant} /> : null}
      <EditorContent editor={editor} />
    </div>
  );
}

function Toolbar({ editor, variant }: { editor: Editor; variant: "full" | "light" }) {
  const { t } = useTranslation();
  const state = useEditorState({
    editor,
    selector: ({ editor: current }) => ({
      bold: current.isActive("bold"),
      italic: current.isActive("italic"),
      code: current.isActive("code"),
      link: current.isActive("link"),
      bulletList: current.isActive("bulletList"),
      orderedList: current.isActive("orderedList"),
      blockquote: current.isActive("blockquote"),
      codeBlock: current.isActive("codeBlock"),
    }),
  });

  const setLink = () => {
    const previous = editor.getAttributes("link").href as string | undefined;
    const href = window.prompt(t("editor.linkPrompt"), previous ?? "https://");
    if (href === null) return;
    if (href.trim() === "") editor.chain().focus().extendMarkRange("link").unsetLink().run();
    else editor.chain().focus().extendMarkRange("link").setLink({ href: href.trim() }).run();
  };

  type ButtonKey = keyof typeof state;
  const buttons: Array<{ key: ButtonKey; label: string; icon: React.ReactNode; run: () => void }> = [
    { key: "bold", label: t("editor.bold"), icon: <strong>B</strong>, run: () => editor.chain().focus().toggleBold().run() },
    { key: "italic", label: t("editor.italic"), icon: <em>I</em>, run: () => editor.chain().focus().toggleItalic().run() },
    { key: "link", label: t("editor.link"), icon: <span className="underline">a</span>, run: setLink },
    { key: "code", label: t("editor.code"), icon: <code>{"<>"}</code>, run: () => editor.chain().focus().toggleCode().run() },
    { key: "bulletList", label: t("editor.bulletList"), icon: <span>•</span>, run: () => editor.chain().focus().toggleBulletList().run() },
    { key: "orderedList", label: t("editor.orderedList"), icon: <span>1.</span>, run: () => editor.chain().focus().toggleOrderedList().run() },
    { key: "blockquote", label: t("editor.quote"), icon: <span>“</span>, run: () => editor.chain().focus().toggleBlockquote().run() },
    ...(variant === "full"
      ? [{ key: "codeBlock" as const, label: t("editor.codeBlock"), icon: <code>{"{}"}</code>, run: () => editor.chain().focus().toggleCodeBlock().run() }]
      : []),
  ];

  return (
    <div role="toolbar" aria-label={t("editor.toolbar")} className="flex flex-wrap gap-1 border-b border-stone-300 p-1">
      {buttons.map((button) => (
        <button
          key={button.key}
          type="button"
          aria-label={button.label}
          title={button.label}
          aria-pressed={state[button.key]}
          onClick={button.run}
          className={clsx(
            "min-w-9 rounded px-2 py-1 text-sm",
            state[button.key] ? "bg-brand-700 text-white" : "text-stone-800 hover:bg-stone-100",
          )}
        >
          <span aria-hidden="true">{button.icon}</span>
        </button>
      ))}
    </div>
  );
}
