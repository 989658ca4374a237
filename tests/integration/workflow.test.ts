import { beforeAll, describe, expect, it } from "vitest";
import { listAdopted, getRoadmap, listWaiting } from "~/domain/boards.server";
import { listAudit } from "~/domain/audit.server";
import { getThread } from "~/domain/comments.server";
import { isFollowing } from "~/domain/follows.server";
import { getIdea, listIdeas } from "~/domain/ideas.server";
import { listQuerySchema } from "~/domain/ideas.schema";
import { listNotifications } from "~/domain/notifications.server";
import { setVote } from "~/domain/votes.server";
import { changeStatus, mergeIdeas, unmergeIdea, WorkflowError } from "~/domain/workflow.server";
import { sqlite } from "~/lib/db.server";
import { ensureSite, makePerson } from "#tests/support/fixtures";
import { makeIdea, plainBody } from "#tests/support/ideas";
import { comment } from "#tests/support/comments";

beforeAll(ensureSite);

const votesOf = (ideaId: number) =>
  (sqlite.prepare("select user_id as id from votes where idea_id = ? order by user_id").all(ideaId) as Array<{ id: string }>).map((row) => row.id);
const countOf = (ideaId: number) => (sqlite.prepare("select vote_count as n from ideas where id = ?").get(ideaId) as { n: number }).n;

describe("status changes", () => {
  it("need a signed note for Declined and Adopted, join the timeline and count as the first reply", async () => {
    const author = await makePerson();
    const staff = await makePerson("staff", { displayName: "Pat Product" });
    const idea = makeIdea(author.id, "Status rules");
    expect(() => changeStatus({ ideaId: idea.id, staffId: staff.id, to: "declined", note: null })).toThrow(WorkflowError);
    changeStatus({ ideaId: idea.id, staffId: staff.id, to: "under_review", note: null });
    expect(getIdea(idea.id, null)?.answered).toBe(false);
    changeStatus({ ideaId: idea.id, staffId: staff.id, to: "planned", note: plainBody("Scheduled for March.") });
    expect(getIdea(idea.id, null)).toMatchObject({ status: "planned", answered: true, firstResponse: { by: { displayName: "Pat Product" } } });
    const events = getThread(idea.id, null).filter((item) => item.type === "event");
    expect(events.map((event) => event.type === "event" && [event.fromStatus, event.toStatus, event.noteHtml])).toEqual([
      ["open", "under_review", null],
      ["under_review", "planned", "<p>Scheduled for March.</p>"],
    ]);
    expect(listNotifications(author.id).notifications.map((n) => [n.kind, n.status])).toEqual([
      ["status_change", "planned"],
      ["status_change", "under_review"],
    ]);
    expect(listWaiting({}).map((row) => row.id)).not.toContain(idea.id);
  });

  it("adoption tells the author, every voter and every follower who adopted it, and shows on /adopted and the roadmap", async () => {
    const author = await makePerson();
    const voter = await makePerson();
    const unvoted = await makePerson();
    const staff = await makePerson("staff", { displayName: "Ada Adopter" });
    const idea = makeIdea(author.id, "Adopt me");
    setVote(idea.id, voter.id, true);
    setVote(idea.id, unvoted.id, true);
    setVote(idea.id, unvoted.id, false);
    sqlite.prepare("delete from follows where idea_id = ? and user_id = ?").run(idea.id, voter.id);
    changeStatus({ ideaId: idea.id, staffId: staff.id, to: "adopted", note: plainBody("Live in every shop since Monday.") });
    for (const person of [author, voter, unvoted]) {
      expect(listNotifications(person.id).notifications[0]).toMatchObject({ kind: "adopted", actorName: "Ada Adopter" });
    }
    const adoptedEmail = sqlite.prepare("select subject from email_outbox where to_address = ? order by id desc").get(voter.email) as { subject: string };
    expect(adoptedEmail.subject).toBe("Adopted: “Adopt me”");
    expect(listAdopted().ideas[0]).toMatchObject({ id: idea.id, proposerName: author.displayName, adopterName: "Ada Adopter" });
    expect(getRoadmap().adopted.map((row) => row.id)).toContain(idea.id);
  });
});

describe("merging duplicates", () => {
  it("moves votes and followers without double counting, and undo puts everything back", async () => {
    const [a, b, both, staff] = [await makePerson(), await makePerson(), await makePerson(), await makePerson("staff")];
    const target = makeIdea(a.id, "Pay with the phone");
    const source = makeIdea(b.id, "Mobile payments please");
    setVote(target.id, both.id, true);
    setVote(source.id, both.id, true);
    comment(source.id, b, "my comment stays here");
    const before = { target: votesOf(target.id), source: votesOf(source.id) };
    expect(countOf(target.id)).toBe(2);

    mergeIdeas({ sourceId: source.id, targetId: target.id, staffId: staff.id });
    expect(votesOf(target.id)).toEqual([a.id, b.id, both.id].sort());
    expect(countOf(target.id)).toBe(3);
    expect(isFollowing(target.id, b.id)).toBe(true);
    expect(getIdea(source.id, null)).toMatchObject({ status: "duplicate", mergedInto: { id: target.id, title: "Pay with the phone" } });
    expect(getThread(source.id, null).some((item) => item.type === "comment")).toBe(true);
    expect(setVote(source.id, a.id, true)).toBeNull();
    for (const person of [a, b, both]) expect(listNotifications(person.id).notifications.map((n) => n.kind)).toContain("merged");
    expect(() => mergeIdeas({ sourceId: source.id, targetId: target.id, staffId: staff.id })).toThrow(WorkflowError);

    unmergeIdea({ sourceId: source.id, staffId: staff.id });
    expect(votesOf(target.id)).toEqual(before.target);
    expect(votesOf(source.id)).toEqual(before.source);
    expect(countOf(target.id)).toBe(2);
    expect(isFollowing(target.id, b.id)).toBe(false);
    expect(isFollowing(target.id, both.id)).toBe(true);
    expect(getIdea(source.id, null)).toMatchObject({ status: "open", mergedInto: null });
    expect(listAudit().entries.slice(0, 2).map((entry) => entry.action)).toEqual(["idea.unmerge", "idea.merge"]);
  });

  it("refuses merging an idea into itself", async () => {
    const staff = await makePerson("staff");
    const idea = makeIdea((await makePerson()).id, "Lonely");
    expect(() => mergeIdeas({ sourceId: idea.id, targetId: idea.id, staffId: staff.id })).toThrow(WorkflowError);
  });
});

describe("the triage inbox", () => {
  it("lists ideas still waiting, oldest first, filtered by category and assignee", async () => {
    const staff = await makePerson("staff");
    const author = await makePerson();
    const old = makeIdea(author.id, "Old and waiting", { now: new Date(Date.now() - 10 * 24 * 3600_000) });
    const fresh = makeIdea(author.id, "Fresh and waiting");
    const answered = makeIdea(author.id, "Already answered");
    comment(answered.id, staff, "On it");
    sqlite.prepare("update ideas set assignee_id = ? where id = ?").run(staff.id, fresh.id);
    const waiting = listWaiting({}).map((row) => row.id);
    expect(waiting.indexOf(old.id)).toBeLessThan(waiting.indexOf(fresh.id));
    expect(waiting).not.toContain(answered.id);
    expect(listWaiting({ assigneeId: staff.id }).map((row) => row.id)).toEqual([fresh.id]);
    expect(listWaiting({ assigneeId: "none" }).map((row) => row.id)).not.toContain(fresh.id);
  });

  it("keeps hidden ideas out of the public list", async () => {
    const idea = makeIdea((await makePerson()).id, "Spam spam spam");
    sqlite.prepare("update ideas set hidden_at = ? where id = ?").run(Date.now(), idea.id);
    expect(listIdeas(listQuerySchema.parse({ q: "spam" }), null).ideas).toEqual([]);
  });
});
