import { Component, lazy, Suspense, useEffect, useRef, useState, type ReactNode } from "react";
import { FieldErrors } from "~/components/forms";
import { clsx } from "~/lib/clsx";
import { docToPlainText, parseDocJson } from "~/lib/rich-text";

// The editor (tiptap and ProseMirror, ~130 kB gzipped) is its own chunk, fetched when someone
// starts to write. Pure: importing this module must not pull it into a page that never renders the field.
const RichTextEditor = /* @__PURE__ */ lazy(() => import("~/components/rich-text-editor"));

/** The box is as tall as a textarea as with the editor (toolbar included): nothing moves when one replaces the other. */
const HEIGHTS = {
  full: { textarea: "h-56", editor: "min-h-56" },
  light: { textarea: "h-36", editor: "min-h-36" },
} as const;

type RichTextFieldProps = {
  name: string;
  id: string;
  label: string;
  hint?: string;
  /** The editor's JSON, or plain text typed without JavaScript. */
  defaultValue: string;
  errors?: string[];
  errorId: string;
  descriptionId: string;
  variant?: "full" | "light";
  rows?: number;
  /** Where the editor asks whom "@" may mention (comments only). */
  mentions?: string;
};

/**
 * A plain textarea that works without JavaScript (the server turns its text into paragraphs).
 * When someone starts to write (focus, click, or the label), the rich-text editor loads and
 * takes its place in a box of the same size. The textarea stays in the form, untouched, until
 * the editor is ready, so nothing typed meanwhile is lost; if the editor cannot load, the
 * textarea simply stays.
 *
 * A field that already holds a formatted document (editing, or a form sent back with an error)
 * loads the editor at once: the textarea shows only its text, and sending that would drop the
 * formatting.
 */
export function RichTextField(props: RichTextFieldProps) {
  const { name, id, label, hint, defaultValue, errors, errorId, descriptionId, variant = "full", rows = 8, mentions } = props;
  const textarea = useRef<HTMLTextAreaElement>(null);
  const doc = parseDocJson(defaultValue);
  const [wanted, setWanted] = useState(doc !== null);
  const [editorReady, setEditorReady] = useState(false);
  const invalid = !!errors?.length;
  const describedBy = [hint ? descriptionId : null, invalid ? errorId : null].filter(Boolean).join(" ") || undefined;
  const labelId = `${id}-label`;
  // Focused before this code ran (the form's code comes after the page: a quick tap or click
  // lands on the server's textarea first), no focus event will follow: start the editor now.
  useEffect(() => {
    if (textarea.current && textarea.current === document.activeElement) setWanted(true);
  }, []);

  return (
    <div>
      <label id={labelId} htmlFor={id} className="block text-sm font-semibold">
        {label}
      </label>
      {hint ? (
        <p id={descriptionId} className="text-sm text-muted">
          {hint}
        </p>
      ) : null}
      {editorReady ? null : (
        <textarea
          ref={textarea}
          id={id}
          name={name}
          rows={rows}
          defaultValue={doc ? docToPlainText(doc) : defaultValue}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          onFocus={() => setWanted(true)}
          className={clsx("input mt-1 resize-none", HEIGHTS[variant].textarea)}
        />
      )}
      {wanted ? (
        <EditorBoundary onError={() => setEditorReady(false)}>
          {/* The textarea above is the fallback while the editor loads. */}
          <Suspense fallback={null}>
            <RichTextEditor
              name={name}
              id={id}
              labelId={labelId}
              defaultValue={defaultValue}
              invalid={invalid}
              describedBy={describedBy}
              variant={variant}
              rows={rows}
              heights={HEIGHTS[variant]}
              fallback={textarea}
              onReady={() => setEditorReady(true)}
              mentions={mentions}
            />
          </Suspense>
        </EditorBoundary>
      ) : null}
      <FieldErrors id={errorId} errors={errors} />
    </div>
  );
}

/** If the editor's code fails to load or crashes, the field falls back to the textarea. */
class EditorBoundary extends Component<{ children: ReactNode; onError: () => void }, { failed: boolean }> {
  state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  componentDidCatch() {
    this.props.onError();
  }

  render() {
    return this.state.failed ? null : this.props.children;
  }
}
