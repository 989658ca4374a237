import { useErrorText } from "~/components/error-text";
import { getInputProps, getSelectProps, getTextareaProps, type FieldMetadata, type useForm } from "@conform-to/react";

/**
 * The HTML constraints of a form's fields (required, minLength…), worked out from its schema on
 * the server (getZodConstraint in the loader) so that no validation library reaches the browser:
 * the server validates, and conform's lastResult brings back every error and typed value.
 */
export type FieldConstraints = NonNullable<Parameters<typeof useForm>[0]["constraint"]>;

export function FieldErrors({ id, errors }: { id: string; errors?: string[] }) {
  const errorText = useErrorText();
  if (!errors?.length) return null;
  return (
    <ul id={id} className="mt-1 text-sm font-medium text-red-800">
      {errors.map((error) => (
        <li key={error}>{errorText(error)}</li>
      ))}
    </ul>
  );
}

/** Errors that belong to the whole form (for example "email or password is wrong"). */
export function FormErrors({ id, errors }: { id: string; errors?: string[] }) {
  const errorText = useErrorText();
  if (!errors?.length) return null;
  return (
    <div id={id} role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900">
      {errors.map((error) => (
        <p key={error}>{errorText(error)}</p>
      ))}
    </div>
  );
}

type InputType = "text" | "email" | "password" | "number" | "url" | "search" | "datetime-local";

/** A labelled input (or textarea) wired to a conform field: hint, errors and ARIA included. */
export function TextField({
  label,
  hint,
  meta,
  type = "text",
  multiline,
  autoComplete,
  className,
}: {
  label: string;
  hint?: string;
  meta: FieldMetadata<unknown, Record<string, unknown>, string[]>;
  type?: InputType;
  multiline?: boolean;
  autoComplete?: string;
  className?: string;
}) {
  const ariaDescribedBy = hint ? meta.descriptionId : undefined;
  const { key: _key, ...inputProps } = multiline
    ? getTextareaProps(meta, { ariaDescribedBy })
    : getInputProps(meta, { type, ariaDescribedBy });
  return (
    <div className={className}>
      <label htmlFor={meta.id} className="block text-sm font-semibold">
        {label}
      </label>
      {hint ? (
        <p id={meta.descriptionId} className="text-sm text-muted">
          {hint}
        </p>
      ) : null}
      {multiline ? (
        <textarea rows={4} className="input mt-1" {...inputProps} />
      ) : (
        <input className="input mt-1" autoComplete={autoComplete} {...inputProps} />
      )}
      <FieldErrors id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

type Option = { value: string | number; label: string };

export function categoryOptions(categories: Array<{ id: number; name: string }>): Option[] {
  return categories.map((category) => ({ value: category.id, label: category.name }));
}

/** A labelled select for filters and bulk changes; the first option often means "any" or "no change". */
export function SelectField({
  id,
  name,
  label,
  defaultValue,
  options,
  className,
}: {
  id: string;
  name: string;
  label: string;
  defaultValue: string | number;
  options: Option[];
  className?: string;
}) {
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-semibold">
        {label}
      </label>
      <select id={id} name={name} defaultValue={defaultValue} className="input mt-1">
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A labelled <select> for a conform form field, with its errors; the options are its children. */
export function FormSelectField({ label, meta, children }: { label: string; meta: FieldMetadata<unknown, Record<string, unknown>, string[]>; children: React.ReactNode }) {
  const { key: _key, ...selectProps } = getSelectProps(meta);
  return (
    <div>
      <label htmlFor={meta.id} className="block text-sm font-semibold">
        {label}
      </label>
      <select className="input mt-1" {...selectProps}>
        {children}
      </select>
      <FieldErrors id={meta.errorId} errors={meta.errors} />
    </div>
  );
}
