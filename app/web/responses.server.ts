/**
 * The HTTP answers to requests that cannot go on: thrown from loaders and actions, shown by the
 * root ErrorBoundary in the reader's language. A refusal a person can fix (a taken slug, a
 * missing note) is not one of these: it goes back to the form as a field error.
 */
export const notFound = () => new Response("Not Found", { status: 404, statusText: "Not Found" });
export const forbidden = () => new Response("Forbidden", { status: 403, statusText: "Forbidden" });
export const badRequest = () => new Response("Bad Request", { status: 400, statusText: "Bad Request" });
/** A body larger than the route takes (app/lib/body-limits.mjs). */
export const payloadTooLarge = () => new Response("Payload Too Large", { status: 413, statusText: "Payload Too Large" });
/** A body that is not a form (JSON, text, none named) sent to an action that reads forms. */
export const unsupportedMediaType = () => new Response("Unsupported Media Type", { status: 415, statusText: "Unsupported Media Type" });

/**
 * A domain refusal nobody could have typed (the idea vanished, the comment is not theirs): 404
 * for what is not there, 403 for what is not theirs, 400 for anything else.
 */
export function refusalResponse(reason: string) {
  if (reason === "notFound") return notFound();
  if (reason === "forbidden") return forbidden();
  return new Response(reason, { status: 400, statusText: "Bad Request" });
}
