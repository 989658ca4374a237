/** The portal's public address, for links in emails (APP_URL, else this machine's port). */
export function appUrl(path = "/") {
  const base = process.env.APP_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
  return new URL(path, base).toString();
}
