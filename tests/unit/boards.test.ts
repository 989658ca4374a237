import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { listWaiting } from "~/domain/boards.server";
import { comment } from "#tests/support/comments";
import { exec } from "#tests/support/db";
import { ensureSite, makePerson } from "#tests/support/fixtures";
import { makeIdea } from "#tests/support/ideas";

beforeAll(ensureSite);

describe("the triage inbox", () => {
  it("lists ideas still waiting, oldest first, filtered by category and assignee", async () => {
    const staff = await makePerson("staff");
    const author = await makePerson();
    const old = await makeIdea(author.id, "Old and waiting", { now: new Date(Date.now() - 10 * 24 * 3600_000) });
    const fresh = await makeIdea(author.id, "Fresh and waiting");
    const answered = await makeIdea(author.id, "Already answered");
    await comment(answered.id, staff, "On it");
    await exec(sql`update ideas set assignee_id = ${staff.id} where id = ${fresh.id}`);
    const waiting = (await listWaiting({})).map((idea) => idea.id);
    expect(waiting.indexOf(old.id)).toBeLessThan(waiting.indexOf(fresh.id));
    expect(waiting).not.toContain(answered.id);
    expect((await listWaiting({ assigneeId: staff.id })).map((idea) => idea.id)).toEqual([fresh.id]);
    expect((await listWaiting({ assigneeId: "none" })).map((idea) => idea.id)).not.toContain(fresh.id);
  });
});
