// A read-only SQLite connection in a worker thread (app/lib/sqlite-off-loop.server.ts): it runs
// the statements the main thread sends, one at a time, and answers with their rows as arrays
// (drizzle's sqlite-proxy maps them). better-sqlite3 is synchronous, so a long read here leaves
// the server's event loop free. Plain JavaScript: Node starts it as it is, from the sources in
// development and tests and beside the production build.
import { parentPort, workerData } from "node:worker_threads";
import Database from "better-sqlite3";

const port = /** @type {import("node:worker_threads").MessagePort} */ (parentPort);

const connection = new Database(workerData.file, { readonly: true, fileMustExist: true });
connection.pragma("busy_timeout = 5000");

/** Prepared statements by their SQL: the same few queries come back on every count. */
/** @type {Map<string, import("better-sqlite3").Statement>} */
const statements = new Map();
const MAX_STATEMENTS = 200;

/** @param {string} sql */
function statementFor(sql) {
  let statement = statements.get(sql);
  if (!statement) {
    if (statements.size >= MAX_STATEMENTS) statements.clear();
    statement = connection.prepare(sql);
    if (statement.reader) statement.raw(true);
    statements.set(sql, statement);
  }
  return statement;
}

port.on("message", (/** @type {{ id: number, sql: string, params: unknown[], method: "all" | "get" }} */ { id, sql, params, method }) => {
  try {
    const statement = statementFor(sql);
    if (!statement.reader) throw new Error("This connection only reads.");
    const rows = method === "get" ? statement.get(...params) : statement.all(...params);
    port.postMessage({ id, rows });
  } catch (error) {
    const code = error instanceof Error && "code" in error ? error.code : undefined;
    port.postMessage({ id, error: { message: error instanceof Error ? error.message : String(error), code } });
  }
});
