import { Component, lazy, Suspense, useRef, useState, type ReactNode } from "react";
import { FieldErrors } from "~/components/forms";
import { docToPlainText, parseDocJson } from "~/lib/rich-text";
import { useHydrated } from "~/lib/use-hydrated";

// The editor (tiptap and ProseMirror) is its own chunk, fetched only by pages with a writing
// field, once they are interactive; this module stays small.
const RichTextEditor = lazy(() => import("~/components/rich-text-editor"));

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
};

/**
 * A plain textarea that works without JavaScript (the server turns its text into paragraphs).
 * Once the page is interactive, the rich-text editor loads and takes
 * its place. The textarea stays in the form, untouched, until the editor is ready, so nothing
 * typed meanwhile is lost; if the editor cannot load, the textarea simply stays.
 */
export function RichTextField(props: RichTextFieldProps) {
  const { name, id, label, hint, defaultValue, errors, errorId, descriptionId, variant = "full", rows = 8 } = props;
  const textarea = useRef<HTMLTextAreaElement>(null);
  // The editor starts loading as soon as the page is interactive, so it is there before
  // anyone starts typing; until it is ready, the textarea works on its own.
  const wanted = useHydrated();
  const [editorReady, setEditorReady] = useState(false);
  const invalid = !!errors?.length;
  const describedBy = [hint ? descriptionId : null, invalid ? errorId : null].filter(Boolean).join(" ") || undefined;
  const doc = parseDocJson(defaultValue);
  const labelId = `${id}-label`;

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
          className="input mt-1"
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
              fallback={textarea}
              onReady={() => setEditorReady(true)}
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
