import { Component, lazy, Suspense, useEffect, useRef, useState, type ReactNode } from "react";
import { FieldErrors } from "~/components/forms";
import { docToPlainText, parseDocJson } from "~/lib/rich-text";

// The editor (tiptap and ProseMirror, ~100 kB) is fetched only when a writing field is near
// the screen or focused; this module stays small and keeps tiptap out of every other chunk.
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
 * Once the page is interactive and the field is in view, the rich-text editor loads and takes
 * its place. The textarea stays in the form, untouched, until the editor is ready, so nothing
 * typed meanwhile is lost; if the editor cannot load, the textarea simply stays.
 */
export function RichTextField(props: RichTextFieldProps) {
  const { name, id, label, hint, defaultValue, errors, errorId, descriptionId, variant = "full", rows = 8 } = props;
  const field = useRef<HTMLDivElement>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [wanted, setWanted] = useState(false);
  const [editorReady, setEditorReady] = useState(false);
  const invalid = !!errors?.length;
  const describedBy = [hint ? descriptionId : null, invalid ? errorId : null].filter(Boolean).join(" ") || undefined;
  const doc = parseDocJson(defaultValue);
  const labelId = `${id}-label`;

  useEffect(() => {
    const element = field.current;
    if (wanted || !element || typeof IntersectionObserver === "undefined") return;
    const observer = new IntersectionObserver((entries) => entries.some((entry) => entry.isIntersecting) && setWanted(true), {
      rootMargin: "400px",
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [wanted]);

  return (
    <div ref={field}>
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
          onFocus={() => setWanted(true)}
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
