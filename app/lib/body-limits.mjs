// How large a request body may be. Read twice: by server.mjs, which refuses a body whose
// Content-Length is larger before reading a byte of it (413), and by readForm
// (app/web/form-body.server.ts), which stops reading a body sent without a length once it
// passes the limit. Plain JavaScript: the server imports it before any build exists.

const MB = 1024 * 1024;

export const BODY_LIMITS = {
  /** Every form: its fields together, as sent (URL-encoded or multipart). */
  form: 1 * MB,
  /** One image file as uploaded, before it is re-encoded (app/lib/uploads/images.server.ts). */
  image: 5 * MB,
  /** A form that carries an image: the image, the other fields, and the multipart framing. */
  upload: 7 * MB,
};

/**
 * Routes whose bodies may be larger than a form's (an upload): a path pattern, as the browser
 * requests it (without `.data`), and the largest body it takes. Such a route reads its body with
 * `readForm(request, { maxBytes })` or its own streaming reader, within the same number
 * (the forms that carry an image: readFormWithFiles, app/web/multipart.server.ts).
 * @type {Array<{ path: RegExp, maxBytes: number }>}
 */
export const LARGER_BODIES = [
  { path: /^\/settings\/profile$/, maxBytes: BODY_LIMITS.upload },
  { path: /^\/admin\/settings$/, maxBytes: BODY_LIMITS.upload },
  { path: /^\/uploads$/, maxBytes: BODY_LIMITS.upload },
  { path: /^\/admin\/challenges\/(new|\d+)$/, maxBytes: BODY_LIMITS.upload },
];

/**
 * The largest body accepted for a request to this path (a Remix data request, `/x.data`,
 * counts as `/x`).
 * @param {string} pathname
 */
export function bodyLimitFor(pathname) {
  const path = pathname.endsWith(".data") ? pathname.slice(0, -".data".length) || "/" : pathname;
  return LARGER_BODIES.find((route) => route.path.test(path))?.maxBytes ?? BODY_LIMITS.form;
}
