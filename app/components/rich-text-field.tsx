import { lazy, Suspense } from "react";
import { FieldErrors } from "~/components/forms";
import { docToPlainText, parseDocJson } from "~/lib/rich-text";
import { useHydrated } from "~/lib/use-hydrated";

// The editor (tiptap and ProseMirror, ~100 kB) is fetched only after a writing page mounts.
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
 * A plain textarea that works without JavaScript (the server turns its text into
 * paragraphs); once the page is interactive, the rich-text editor takes its place.
 */
export function RichTextField(props: RichTextFieldProps) {
  const { name, id, label, hint, defaultValue, errors, errorId, descriptionId, variant = "full", rows = 8 } = props;
  const mounted = useHydrated();
  const invalid = !!errors?.length;
  const describedBy = [hint ? descriptionId : null, invalid ? errorId : null].filter(Boolean).join(" ") || undefined;
  const doc = parseDocJson(defaultValue);
  const labelId = `${id}-label`;

  const textarea = (
    <textarea
      id={id}
      name={name}
      rows={rows}
      defaultValue={doc ? docToPlainText(doc) : defaultValue}
      aria-invalid={invalid || undefined}
      aria-describedby={describedBy}
      className="input mt-1"
    />
  );

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
      {mounted ? (
        <Suspense fallback={textarea}>
          <RichTextEditor
            name={name}
            id={id}
            labelId={labelId}
            defaultValue={defaultValue}
            invalid={invalid}
            describedBy={describedBy}
            variant={variant}
          />
        </Suspense>
      ) : (
        textarea
      )}
      <FieldErrors id={errorId} errors={errors} />
    </div>
  );
}
