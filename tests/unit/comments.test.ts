import { asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { comments, ideas } from "#db/tables";
import { deleteComment, editComment, getThread, MAX_SHOWN_DEPTH, setOfficialResponse } from "~/domain/comments.server";
import { isFollowing } from "~/domain/follows.server";
import { listNotifications } from "~/domain/notifications.server";
import { setVote } from "~/domain/votes.server";
import { db } from "~/lib/db.server";
import { comment, postTestComment } from "#tests/support/comments";
import { accepted, ensureSite, makePerson } from "#tests/support/fixtures";
import { makeIdea, plainBody } from "#tests/support/ideas";

beforeAll(ensureSite);

/** What the idea row keeps about its discussion. */
async function ideaRow(ideaId: number) {
  const [idea] = await db
    .select({ comments: ideas.commentCount, firstAt: ideas.firstResponseAt, firstBy: ideas.firstResponderId, official: ideas.officialCommentId })
    .from(ideas)
    .where(eq(ideas.id, ideaId));
  return idea!;
}

const threadComments = async (ideaId: number) => (await getThread(ideaId, null)).filter((item) => item.type === "comment");

describe("threaded comments", () => {
  it("nests replies, shows deep ones at depth 4 'in reply to', and keeps the count in the row", async () => {
    const author = await makePerson();
    const idea = await makeIdea(author.id, "Threads");
    let parent = await comment(idea.id, author, "depth 0");
    for (const n of [1, 2, 3, 4, 5]) {
      const person = await makePerson("customer", { displayName: `Replier ${n}` });
      parent = await comment(idea.id, person, `depth ${parent.depth + 1}`, { parentId: parent.id });
    }
    const thread = await threadComments(idea.id);
    expect(thread.map((item) => item.type === "comment" && item.shownDepth)).toEqual([0, 1, 2, 3, 4, 4]);
    const deepest = thread[5]!;
    expect(deepest.type === "comment" && deepest.inReplyTo).toBe("Replier 4");
    expect(MAX_SHOWN_DEPTH).toBe(4);
    expect((await ideaRow(idea.id)).comments).toBe(6);
  });

  it("marks edits and keeps a deleted comment's place only while it has replies", async () => {
    const author = await makePerson();
    const other = await makePerson();
    const idea = await makeIdea(author.id, "Edits and deletions");
    const first = await comment(idea.id, author, "first");
    const reply = await comment(idea.id, other, "reply", { parentId: first.id });
    const lonely = await comment(idea.id, author, "lonely");
    expect(accepted(await editComment(first.id, author.id, plainBody("first, edited"))).editedAt).toBeInstanceOf(Date);
    expect(await editComment(first.id, other.id, plainBody("hijack"))).toEqual({ ok: false, reason: "forbidden" });
    expect(await deleteComment(first.id, other.id)).toEqual({ ok: false, reason: "forbidden" });
    accepted(await deleteComment(first.id, author.id));
    accepted(await deleteComment(lonely.id, author.id));
    expect(await deleteComment(lonely.id, author.id)).toEqual({ ok: false, reason: "notFound" });
    const thread = await threadComments(idea.id);
    expect(thread.map((item) => item.type === "comment" && [item.id, item.deleted, item.html])).toEqual([
      [first.id, true, null],
      [reply.id, false, "<p>reply</p>"],
    ]);
    expect((await ideaRow(idea.id)).comments).toBe(1);
    const [deleted] = await db.select({ text: comments.bodyText }).from(comments).where(eq(comments.id, first.id));
    expect(deleted).toEqual({ text: "" });
  });

  it("refuses a reply to a comment of another idea, or of another kind", async () => {
    const staff = await makePerson("staff");
    const idea = await makeIdea(staff.id, "Where replies go");
    const elsewhere = await makeIdea(staff.id, "Somewhere else");
    const note = await comment(idea.id, staff, "internal", { kind: "internal" });
    const foreign = await comment(elsewhere.id, staff, "over there");
    expect(await postTestComment(idea.id, staff, "public answer to a note", { parentId: note.id })).toEqual({ ok: false, reason: "badParent" });
    expect(await postTestComment(idea.id, staff, "answer to another idea", { parentId: foreign.id })).toEqual({ ok: false, reason: "badParent" });
    expect(await postTestComment(999_999, staff, "nowhere")).toEqual({ ok: false, reason: "notFound" });
  });

  it("makes commenters and voters follow the idea", async () => {
    const author = await makePerson();
    const commenter = await makePerson();
    const voter = await makePerson();
    const idea = await makeIdea(author.id, "Followers");
    await comment(idea.id, commenter, "hello");
    accepted(await setVote(idea.id, voter.id, true));
    expect(await Promise.all([author, commenter, voter].map((person) => isFollowing(idea.id, person.id)))).toEqual([true, true, true]);
  });
});

describe("staff replies, first response and official responses", () => {
  it("records the first public staff word, not an internal note or a customer's", async () => {
    const author = await makePerson();
    const staff = await makePerson("staff");
    const idea = await makeIdea(author.id, "First response");
    await comment(idea.id, author, "bump");
    await comment(idea.id, staff, "note to self", { kind: "internal" });
    expect((await ideaRow(idea.id)).firstAt).toBeNull();
    expect((await ideaRow(idea.id)).comments).toBe(1);
    await comment(idea.id, staff, "We are on it");
    expect(await ideaRow(idea.id)).toMatchObject({ firstBy: staff.id, comments: 2 });
    expect((await ideaRow(idea.id)).firstAt).toEqual(expect.any(Date));
  });

  it("pins an official response, keeps each choice in the timeline and notifies followers", async () => {
    const author = await makePerson();
    const first = await makePerson("staff", { displayName: "Olga Official" });
    const second = await makePerson("admin");
    const idea = await makeIdea(author.id, "Official");
    const customerComment = await comment(idea.id, author, "my two cents");
    const a = await comment(idea.id, first, "First answer");
    const b = await comment(idea.id, second, "Better answer");
    expect(await setOfficialResponse({ ideaId: idea.id, commentId: customerComment.id, staffId: first.id })).toEqual({ ok: false, reason: "notStaffComment" });
    accepted(await setOfficialResponse({ ideaId: idea.id, commentId: a.id, staffId: first.id }));
    accepted(await setOfficialResponse({ ideaId: idea.id, commentId: b.id, staffId: second.id }));
    expect((await ideaRow(idea.id)).official).toBe(b.id);
    const events = (await getThread(idea.id, null)).filter((item) => item.type === "event");
    expect(events.map((event) => event.type === "event" && [event.commentId, event.actorId])).toEqual([
      [a.id, first.id],
      [b.id, second.id],
    ]);
    expect((await listNotifications(author.id)).notifications.map((n) => n.kind)).toEqual(["official_response", "official_response", "reply", "reply"]);
  });

  it("refuses an internal note from a customer", async () => {
    const author = await makePerson();
    const idea = await makeIdea(author.id, "No notes for customers");
    expect(await postTestComment(idea.id, author, "sneaky", { kind: "internal" })).toEqual({ ok: false, reason: "forbidden" });
    expect(await db.select().from(comments).where(eq(comments.ideaId, idea.id)).orderBy(asc(comments.id))).toEqual([]);
  });
});
