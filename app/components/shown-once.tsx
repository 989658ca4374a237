/**
 * A secret the server keeps no readable copy of (an API key) or shows only now (a webhook's
 * signing secret): announced, labelled, and selected whole when focused, for copying.
 */
export function ShownOnce({ id, heading, label, value }: { id: string; heading: string; label: string; value: string }) {
  return (
    <div role="status" className="mt-4 rounded-md border border-green-300 bg-green-50 p-4 text-sm">
      <p className="font-semibold text-green-900">{heading}</p>
      <label htmlFor={id} className="mt-2 block text-green-900">
        {label}
      </label>
      <input id={id} readOnly value={value} className="input mt-1 font-mono text-sm" onFocus={(event) => event.currentTarget.select()} />
    </div>
  );
}
