import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { comments, ideas } from "#db/tables";
import { latestReplies, listTeam } from "~/domain/team.server";
import { transaction } from "~/lib/db.server";
import { comment } from "#tests/support/comments";
import { ensureSite, makePerson } from "#tests/support/fixtures";
import { makeIdea } from "#tests/support/ideas";

beforeAll(ensureSite);

describe("the team page", () => {
  it("counts exactly the public replies it can list: not notes, deleted, hidden ones, or replies on hidden ideas", async () => {
    const staff = await makePerson("staff", { displayName: "Lucía Replies" });
    const quiet = await makePerson("staff", { displayName: "Quiet Colleague" });
    const author = await makePerson();
    const idea = await makeIdea(author.id, "Counted");
    const hiddenIdea = await makeIdea(author.id, "Hidden later");
    await comment(idea.id, staff, "one");
    await comment(idea.id, staff, "two");
    await comment(idea.id, staff, "internal", { kind: "internal" });
    const hiddenReply = await comment(idea.id, staff, "hidden by moderators");
    await transaction((tx) => tx.update(comments).set({ hiddenAt: new Date() }).where(eq(comments.id, hiddenReply.id)));
    await comment(hiddenIdea.id, staff, "on a hidden idea");
    await transaction((tx) => tx.update(ideas).set({ hiddenAt: new Date() }).where(eq(ideas.id, hiddenIdea.id)));

    const team = await listTeam();
    const counted = team.find((person) => person.id === staff.id)!;
    expect(counted.replyCount).toBe(2);
    expect(team.find((person) => person.id === quiet.id)!.replyCount).toBe(0);
    expect((await latestReplies([staff.id], 10))[staff.id]!.map((reply) => reply.text)).toEqual(["two", "one"]);
  });
});
