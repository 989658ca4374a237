import { beforeAll } from "vitest";
import { buildHistory, describeListeningRecordOfKnownHistory } from "#tests/support/insights-history";

beforeAll(() => buildHistory());

describeListeningRecordOfKnownHistory();
