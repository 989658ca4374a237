import { and, asc, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { follows, ideas, votes } from "#db/tables";
import { listAudit } from "~/domain/audit.server";
import { getRoadmap, listAdopted, listWaiting } from "~/domain/boards.server";
import { getThread } from "~/domain/comments.server";
import { follow, isFollowing } from "~/domain/follows.server";
import { getIdea, listIdeas } from "~/domain/ideas.server";
import { listNotifications } from "~/domain/notifications.server";
import { setVote } from "~/domain/votes.server";
import { assignIdea, changeStatus, mergeIdeas, setIdeaCategory, triageIdeas, unmergeIdea } from "~/domain/workflow.server";
import { db, transaction } from "~/lib/db.server";
import { comment } from "#tests/support/comments";
import { exec, row } from "#tests/support/db";
import { notificationEmailsTo as emailsTo } from "#tests/support/mail";
import { accepted, ensureSite, makePerson } from "#tests/support/fixtures";
import { makeIdea, plainBody } from "#tests/support/ideas";

beforeAll(ensureSite);

const votesOf = async (ideaId: number) => (await db.select({ id: votes.userId }).from(votes).where(eq(votes.ideaId, ideaId)).orderBy(asc(votes.userId))).map((vote) => vote.id);
const countOf = async (ideaId: number) => (await row<{ n: number }>(sql`select vote_count as n from ideas where id = ${ideaId}`))!.n;

describe("status changes", () => {
  it("need a signed note for Declined and Adopted, join the timeline and count as the first reply", async () => {
    const author = await makePerson();
    const staff = await makePerson("staff", { displayName: "Pat Product" });
    const idea = await makeIdea(author.id, "Status rules");
    expect(await changeStatus({ ideaId: idea.id, staffId: staff.id, to: "declined", note: null })).toEqual({ ok: false, reason: "noteRequired" });
    accepted(await changeStatus({ ideaId: idea.id, staffId: staff.id, to: "under_review", note: null }));
    expect(await changeStatus({ ideaId: idea.id, staffId: staff.id, to: "under_review", note: null })).toEqual({ ok: false, reason: "sameStatus" });
    expect((await getIdea(idea.id, null))?.answered).toBe(false);
    accepted(await changeStatus({ ideaId: idea.id, staffId: staff.id, to: "planned", note: plainBody("Scheduled for March.") }));
    expect(await getIdea(idea.id, null)).toMatchObject({ status: "planned", answered: true, firstResponse: { by: { displayName: "Pat Product" } } });
    const events = (await getThread(idea.id, null)).filter((item) => item.type === "event");
    expect(events.map((event) => event.type === "event" && [event.fromStatus, event.toStatus, event.noteHtml])).toEqual([
      ["open", "under_review", null],
      ["under_review", "planned", "<p>Scheduled for March.</p>"],
    ]);
    expect((await listNotifications(author.id)).notifications.map((n) => [n.kind, n.status])).toEqual([
      ["status_change", "planned"],
      ["status_change", "under_review"],
    ]);
    expect((await listWaiting({})).map((waiting) => waiting.id)).not.toContain(idea.id);
  });

  it("adoption tells the author, every voter and every follower who adopted it, and shows on /adopted and the roadmap", async () => {
    const author = await makePerson();
    const voter = await makePerson();
    const unvoted = await makePerson();
    const staff = await makePerson("staff", { displayName: "Ada Adopter" });
    const idea = await makeIdea(author.id, "Adopt me");
    accepted(await setVote(idea.id, voter.id, true));
    accepted(await setVote(idea.id, unvoted.id, true));
    accepted(await setVote(idea.id, unvoted.id, false));
    await transaction(async (tx) => {
      await tx.delete(follows).where(and(eq(follows.ideaId, idea.id), eq(follows.userId, voter.id)));
    });
    accepted(await changeStatus({ ideaId: idea.id, staffId: staff.id, to: "adopted", note: plainBody("Live in every shop since Monday.") }));
    for (const person of [author, voter, unvoted]) {
      expect((await listNotifications(person.id)).notifications[0]).toMatchObject({ kind: "adopted", actorName: "Ada Adopter" });
    }
    // The voter only follows it: the news comes in their daily digest.
    const [digest] = await emailsTo(voter.email);
    expect(digest!.subject).toBe("Your daily digest from Test portal: 1 update");
    expect(digest!.text).toContain("Ada Adopter adopted “Adopt me”");
    expect((await listAdopted()).ideas[0]).toMatchObject({ id: idea.id, proposerName: author.displayName, adopterName: "Ada Adopter" });
    expect((await getRoadmap()).adopted.map((card) => card.id)).toContain(idea.id);
  });
});

describe("merging duplicates", () => {
  it("moves votes and followers without double counting, and undo puts everything back", async () => {
    const [a, b, both, staff] = [await makePerson(), await makePerson(), await makePerson(), await makePerson("staff")];
    const target = await makeIdea(a.id, "Pay with the phone");
    const source = await makeIdea(b.id, "Mobile payments please");
    accepted(await setVote(target.id, both.id, true));
    accepted(await setVote(source.id, both.id, true));
    await comment(source.id, b, "my comment stays here");
    const before = { target: await votesOf(target.id), source: await votesOf(source.id) };
    expect(await countOf(target.id)).toBe(2);

    accepted(await mergeIdeas({ sourceId: source.id, targetId: target.id, staffId: staff.id }));
    expect(await votesOf(target.id)).toEqual([a.id, b.id, both.id].sort());
    expect(await countOf(target.id)).toBe(3);
    expect(await isFollowing(target.id, b.id)).toBe(true);
    expect(await getIdea(source.id, null)).toMatchObject({ status: "duplicate", mergedInto: { id: target.id, title: "Pay with the phone" } });
    expect((await getThread(source.id, null)).some((item) => item.type === "comment")).toBe(true);
    expect(await setVote(source.id, a.id, true)).toEqual({ ok: false, reason: "notFound" });
    // Only b's vote and follow moved: a and both were on the target already.
    expect((await listNotifications(b.id)).notifications).toEqual([expect.objectContaining({ kind: "merged", ideaId: target.id, ideaTitle: "Pay with the phone" })]);
    for (const person of [a, both]) expect((await listNotifications(person.id)).notifications.map((n) => n.kind)).not.toContain("merged");
    expect(await mergeIdeas({ sourceId: source.id, targetId: target.id, staffId: staff.id })).toEqual({ ok: false, reason: "merged" });
    expect(await changeStatus({ ideaId: source.id, staffId: staff.id, to: "planned", note: null })).toEqual({ ok: false, reason: "merged" });

    accepted(await unmergeIdea({ sourceId: source.id, staffId: staff.id }));
    expect(await votesOf(target.id)).toEqual(before.target);
    expect(await votesOf(source.id)).toEqual(before.source);
    expect(await countOf(target.id)).toBe(2);
    expect(await isFollowing(target.id, b.id)).toBe(false);
    expect(await isFollowing(target.id, both.id)).toBe(true);
    expect(await getIdea(source.id, null)).toMatchObject({ status: "open", mergedInto: null });
    expect((await listAudit()).entries.slice(0, 2).map((entry) => entry.action)).toEqual(["idea.unmerge", "idea.merge"]);
    expect(await unmergeIdea({ sourceId: source.id, staffId: staff.id })).toEqual({ ok: false, reason: "notMerged" });
  });

  it("tells exactly those whose vote or follow moved what moved, naming and linking the idea it moved to", async () => {
    const [author, staff] = [await makePerson(), await makePerson("staff", { displayName: "Mia Merger" })];
    const [voterAndFollower, voterOnly, followerOnly, onBoth, targetFollower] = [await makePerson(), await makePerson(), await makePerson(), await makePerson(), await makePerson()];
    const target = await makeIdea(author.id, "Dark mode everywhere");
    const source = await makeIdea(author.id, "Dark mode on the website");
    accepted(await setVote(source.id, voterAndFollower.id, true));
    accepted(await setVote(source.id, voterOnly.id, true));
    accepted(await follow(target.id, voterOnly.id));
    accepted(await follow(source.id, followerOnly.id));
    accepted(await setVote(source.id, onBoth.id, true));
    accepted(await setVote(target.id, onBoth.id, true));
    accepted(await follow(target.id, targetFollower.id));
    accepted(await mergeIdeas({ sourceId: source.id, targetId: target.id, staffId: staff.id }));

    const mergeEmails = (await Promise.all([voterAndFollower, voterOnly, followerOnly, author, onBoth, targetFollower].map((person) => emailsTo(person.email))))
      .flatMap((emails, index) => emails.map((email) => ({ ...email, to: [voterAndFollower, voterOnly, followerOnly, author, onBoth, targetFollower][index]!.email })))
      .filter((email) => email.text.includes("Dark mode on the website"));
    const byAddress = Object.fromEntries(mergeEmails.map((email) => [email.to, email]));
    expect(Object.keys(byAddress).sort()).toEqual([voterAndFollower.email, voterOnly.email, followerOnly.email].sort());
    expect(byAddress[voterAndFollower.email]!.text).toContain("Mia Merger merged “Dark mode on the website” into “Dark mode everywhere”, the same idea. Your vote and your follow moved to it.");
    expect(byAddress[voterOnly.email]!.text).toContain("Your vote moved to it.");
    expect(byAddress[followerOnly.email]!.text).toContain("You follow it now instead.");
    for (const email of mergeEmails) expect(email.text).toMatch(new RegExp(`/ideas/${target.id}-dark-mode-everywhere`));
    for (const person of [author, onBoth, targetFollower]) expect((await listNotifications(person.id)).notifications.map((n) => n.kind)).not.toContain("merged");
  });

  it("takes the duplicate out of the lists (unless duplicates are asked for) and out of following", async () => {
    const [author, staff, reader] = [await makePerson(), await makePerson("staff"), await makePerson()];
    const target = await makeIdea(author.id, "Dark mode everywhere");
    const source = await makeIdea(author.id, "Dark mode on the website");
    accepted(await mergeIdeas({ sourceId: source.id, targetId: target.id, staffId: staff.id }));
    const listed = async (status?: "duplicate") => (await listIdeas({ sort: "trending", status }, null, 100)).ideas;
    const shown = (await listed()).map((idea) => idea.id);
    expect(shown).toContain(target.id);
    expect(shown).not.toContain(source.id);
    expect((await listed("duplicate")).find((idea) => idea.id === source.id)).toMatchObject({ mergedInto: { id: target.id, title: "Dark mode everywhere" } });
    expect(await follow(source.id, reader.id)).toEqual({ ok: false, reason: "merged" });
    expect(await isFollowing(source.id, reader.id)).toBe(false);
  });

  it("refuses merging an idea into itself, or into one that does not exist", async () => {
    const staff = await makePerson("staff");
    const idea = await makeIdea((await makePerson()).id, "Lonely");
    expect(await mergeIdeas({ sourceId: idea.id, targetId: idea.id, staffId: staff.id })).toEqual({ ok: false, reason: "selfMerge" });
    expect(await mergeIdeas({ sourceId: idea.id, targetId: 999_999, staffId: staff.id })).toEqual({ ok: false, reason: "notFound" });
  });
});

describe("assignment and categories", () => {
  it("assigns only staff, and files only under active categories", async () => {
    const staff = await makePerson("staff");
    const customer = await makePerson();
    const idea = await makeIdea(customer.id, "Who looks at this?");
    expect(await assignIdea({ ideaId: idea.id, assigneeId: customer.id, actorId: staff.id })).toEqual({ ok: false, reason: "notStaff" });
    accepted(await assignIdea({ ideaId: idea.id, assigneeId: staff.id, actorId: staff.id }));
    expect((await getIdea(idea.id, null))?.assigneeId).toBe(staff.id);
    expect(await assignIdea({ ideaId: 999_999, assigneeId: null, actorId: staff.id })).toEqual({ ok: false, reason: "notFound" });
    expect(await setIdeaCategory({ ideaId: idea.id, categoryId: 999_999, actorId: staff.id })).toEqual({ ok: false, reason: "categoryUnavailable" });
    accepted(await setIdeaCategory({ ideaId: idea.id, categoryId: null, actorId: staff.id }));
    const [stored] = await db.select({ categoryId: ideas.categoryId }).from(ideas).where(eq(ideas.id, idea.id));
    expect(stored).toEqual({ categoryId: null });
  });
});

describe("who looks after an idea", () => {
  it("is shown to everyone, told to the assignee in-app and by email, and each change joins the timeline", async () => {
    const lead = await makePerson("staff", { displayName: "Pilar Lead" });
    const marta = await makePerson("staff", { displayName: "Marta Ruiz" });
    const iker = await makePerson("staff", { displayName: "Iker Soto" });
    await exec(sql`update users set job_title = 'Support Engineer' where id = ${marta.id}`);
    const idea = await makeIdea((await makePerson()).id, "Looked after");
    accepted(await assignIdea({ ideaId: idea.id, assigneeId: marta.id, actorId: lead.id }));
    expect((await getIdea(idea.id, null))?.assignee).toEqual({ id: marta.id, displayName: "Marta Ruiz", jobTitle: "Support Engineer" });
    expect((await listNotifications(marta.id)).notifications).toEqual([expect.objectContaining({ kind: "assigned", actorName: "Pilar Lead", ideaId: idea.id })]);
    expect((await emailsTo(marta.email)).map((email) => email.subject)).toEqual(["You look after “Looked after” now"]);

    // The same assignee again changes nothing; reassigning and unassigning show in the timeline.
    accepted(await assignIdea({ ideaId: idea.id, assigneeId: marta.id, actorId: lead.id }));
    accepted(await assignIdea({ ideaId: idea.id, assigneeId: iker.id, actorId: lead.id }));
    accepted(await assignIdea({ ideaId: idea.id, assigneeId: null, actorId: lead.id }));
    const events = (await getThread(idea.id, null)).filter((item) => item.type === "event");
    expect(events.map((event) => event.type === "event" && [event.kind, event.actorName, event.relatedUserName])).toEqual([
      ["assigned", "Pilar Lead", "Marta Ruiz"],
      ["assigned", "Pilar Lead", "Iker Soto"],
      ["assigned", "Pilar Lead", null],
    ]);
    expect((await getIdea(idea.id, null))?.assignee).toBeNull();
    expect((await listNotifications(iker.id)).notifications).toHaveLength(1);
    expect((await listNotifications(marta.id)).notifications).toHaveLength(1);
  });
});

describe("triage in bulk", () => {
  it("changes every idea, or none when one of them refuses", async () => {
    const staff = await makePerson("staff");
    const author = await makePerson();
    const [first, second] = [await makeIdea(author.id, "Bulk one"), await makeIdea(author.id, "Bulk two")];
    accepted(await changeStatus({ ideaId: second.id, staffId: staff.id, to: "planned", note: null }));
    // The second idea is already planned: that refusal undoes the first idea's assignment and status too.
    expect(await triageIdeas({ ideaIds: [first.id, second.id], actorId: staff.id, assigneeId: staff.id, status: "planned" })).toEqual({ ok: false, reason: "sameStatus" });
    expect(await getIdea(first.id, null)).toMatchObject({ status: "open", assigneeId: null });
    accepted(await triageIdeas({ ideaIds: [first.id, second.id], actorId: staff.id, assigneeId: staff.id, status: "in_progress" }));
    expect((await Promise.all([first.id, second.id].map((id) => getIdea(id, null)))).map((idea) => [idea?.status, idea?.assigneeId])).toEqual([
      ["in_progress", staff.id],
      ["in_progress", staff.id],
    ]);
    expect(await triageIdeas({ ideaIds: [first.id, 999_999], actorId: staff.id, status: "open" })).toEqual({ ok: false, reason: "notFound" });
  });
});
