import { beforeAll, vi } from "vitest";
import { buildHistory, describeInsightsOfKnownHistory, describeListeningRecordOfKnownHistory } from "#tests/support/insights-history";

// The insights' SQL on PostgreSQL: the same history and the same figures as on SQLite. Until the
// app's `db` switches engines (issue 18, phase two), the domain is handed the PostgreSQL database here.
const database = vi.hoisted(async () => {
  const { openDatabase } = await import("#tests/support/engine");
  return openDatabase();
});
vi.mock("~/lib/db.server", async (importOriginal) => {
  const opened = await database;
  return { ...(await importOriginal<object>()), db: opened.db, transaction: opened.transaction };
});

beforeAll(async () => buildHistory((await database).transaction as unknown as Parameters<typeof buildHistory>[0]));

describeInsightsOfKnownHistory("PostgreSQL");
describeListeningRecordOfKnownHistory("PostgreSQL");
