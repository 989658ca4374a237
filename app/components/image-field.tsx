import { useState } from "react";
import { useErrorText } from "~/components/error-text";
import { FieldErrors } from "~/components/forms";
import { IMAGE_ACCEPT, imageFileProblem } from "~/lib/image-files";

/**
 * A labelled file input for one image (a photo, a logo, a cover). With JavaScript, a file that
 * is too large or not a JPEG, PNG or WebP is refused as soon as it is chosen and the choice is
 * cleared, so the form is never sent with it; without, the server says the same. `preview` shows
 * the image in use now, and `remove` offers a checkbox (named `remove.name`) to take it away.
 */
export function ImageField({
  name,
  label,
  hint,
  errors,
  preview,
  remove,
}: {
  name: string;
  label: string;
  hint: string;
  errors?: string[];
  preview?: React.ReactNode;
  remove?: { name: string; label: string };
}) {
  const errorText = useErrorText();
  const [choiceError, setChoiceError] = useState<string | null>(null);
  const id = `${name}-input`;
  const errorId = `${name}-errors`;
  const shown = choiceError ? [choiceError] : errors;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-semibold">
        {label}
      </label>
      <p id={`${name}-hint`} className="text-sm text-muted">
        {hint}
      </p>
      <div className="mt-2 flex flex-wrap items-center gap-4">
        {preview || remove ? (
          <span className="flex items-center gap-3">
            {preview}
            {remove ? (
              <label className="flex items-center gap-2 text-sm">
                <input type="checkbox" name={remove.name} className="size-4" />
                {remove.label}
              </label>
            ) : null}
          </span>
        ) : null}
        <input
          id={id}
          name={name}
          type="file"
          accept={IMAGE_ACCEPT}
          aria-describedby={`${name}-hint${shown?.length ? ` ${errorId}` : ""}`}
          aria-invalid={shown?.length ? true : undefined}
          className="block text-sm file:mr-3 file:rounded-md file:border file:border-stone-400 file:bg-white file:px-3 file:py-2 file:text-sm file:font-semibold hover:file:bg-stone-100"
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            const problem = file ? imageFileProblem(file) : null;
            if (problem) event.currentTarget.value = "";
            setChoiceError(problem);
          }}
        />
      </div>
      {choiceError ? (
        <p role="alert" id={errorId} className="mt-1 text-sm font-medium text-red-800">
          {errorText(choiceError)}
        </p>
      ) : (
        <FieldErrors id={errorId} errors={errors} />
      )}
    </div>
  );
}
