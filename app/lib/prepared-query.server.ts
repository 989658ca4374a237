/**
 * A read the app makes on (nearly) every request, built once: drizzle turns the query builder
 * into SQL and the driver prepares that SQL once, instead of on every call (on the list page
 * that building was ~15 % of the server's time). Values that change between calls are
 * `sql.placeholder("name")`s, given to the function this returns:
 *
 *   const siteVersion = preparedQuery("site_version", db.select(…).where(eq(site.id, sql.placeholder("id"))));
 *   const [row] = await siteVersion({ id: 1 });
 *
 * On SQLite the statement is prepared on the connection the query was built on; on PostgreSQL
 * drizzle names it (`name`, unique in the app) and each pooled connection prepares it on first
 * use. Build it on `db` (reads outside transactions): it always runs there.
 */
export function preparedQuery<Result>(name: string, query: { prepare(): { execute(values?: Record<string, unknown>): Result } }) {
  // SQLite's drizzle takes no name (and ignores one); PostgreSQL's requires it.
  const statement = (query as unknown as { prepare(name: string): { execute(values?: Record<string, unknown>): Result } }).prepare(name);
  return async (values?: Record<string, unknown>): Promise<Awaited<Result>> => await statement.execute(values);
}
