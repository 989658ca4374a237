/** The same server and credentials, another database. */
export function databaseUrl(url: string, database: string) {
  const address = new URL(url);
  address.pathname = `/${database}`;
  return address.toString();
}
