import { beforeAll } from "vitest";
import { transaction } from "~/lib/db.server";
import { buildHistory, describeListeningRecordOfKnownHistory } from "#tests/support/insights-history";

beforeAll(() => buildHistory(transaction));

describeListeningRecordOfKnownHistory("SQLite");
