import { beforeAll, describe, expect, it } from "vitest";
import { loader as ideaLoader, action as ideaAction } from "~/routes/ideas.$id._index";
import { CommentRefusedError, deleteComment, editComment, getThread, MAX_SHOWN_DEPTH, setOfficialResponse } from "~/domain/comments.server";
import { isFollowing } from "~/domain/follows.server";
import { listNotifications, setEmailPreference, unreadCount } from "~/domain/notifications.server";
import { setVote } from "~/domain/votes.server";
import { sqlite } from "~/lib/db.server";
import { args, call, ensureSite, makePerson, makeRequest, sessionCookieFor } from "#tests/support/fixtures";
import { makeIdea, plainBody } from "#tests/support/ideas";
import { comment } from "#tests/support/comments";

beforeAll(ensureSite);

const row = (ideaId: number) =>
  sqlite.prepare("select comment_count as comments, first_response_at as firstAt, first_responder_id as firstBy, official_comment_id as official from ideas where id = ?").get(ideaId) as {
    comments: number;
    firstAt: number | null;
    firstBy: string | null;
    official: number | null;
  };
const outbox = (to: string) => sqlite.prepare("select subject, text, headers from email_outbox where to_address = ? order by id").all(to) as Array<{ subject: string; text: string; headers: string }>;

describe("threaded comments", () => {
  it("nests replies, shows deep ones at depth 4 'in reply to', and keeps the count in the row", async () => {
    const author = await makePerson();
    const idea = makeIdea(author.id, "Threads");
    let parent = comment(idea.id, author, "depth 0");
    const people = await Promise.all([1, 2, 3, 4, 5].map((n) => makePerson("customer", { displayName: `Replier ${n}` })));
    for (const person of people) parent = comment(idea.id, person, `depth ${parent.depth + 1}`, { parentId: parent.id });
    const thread = getThread(idea.id, null).filter((item) => item.type === "comment");
    expect(thread.map((item) => item.type === "comment" && item.shownDepth)).toEqual([0, 1, 2, 3, 4, 4]);
    const deepest = thread[5]!;
    expect(deepest.type === "comment" && deepest.inReplyTo).toBe("Replier 4");
    expect(MAX_SHOWN_DEPTH).toBe(4);
    expect(row(idea.id).comments).toBe(6);
  });

  it("marks edits and keeps a deleted comment's place only while it has replies", async () => {
    const author = await makePerson();
    const other = await makePerson();
    const idea = makeIdea(author.id, "Edits and deletions");
    const first = comment(idea.id, author, "first");
    const reply = comment(idea.id, other, "reply", { parentId: first.id });
    const lonely = comment(idea.id, author, "lonely");
    editComment(first.id, author.id, plainBody("first, edited"));
    expect(() => editComment(first.id, other.id, plainBody("hijack"))).toThrow(CommentRefusedError);
    deleteComment(first.id, author.id);
    deleteComment(lonely.id, author.id);
    const thread = getThread(idea.id, null).filter((item) => item.type === "comment");
    expect(thread.map((item) => item.type === "comment" && [item.id, item.deleted, item.html])).toEqual([
      [first.id, true, null],
      [reply.id, false, "<p>reply</p>"],
    ]);
    expect(row(idea.id).comments).toBe(1);
    expect(sqlite.prepare("select body_text from comments where id = ?").get(first.id)).toEqual({ body_text: "" });
  });

  it("makes commenters and voters follow the idea", async () => {
    const author = await makePerson();
    const commenter = await makePerson();
    const voter = await makePerson();
    const idea = makeIdea(author.id, "Followers");
    comment(idea.id, commenter, "hello");
    setVote(idea.id, voter.id, true);
    expect([author, commenter, voter].map((person) => isFollowing(idea.id, person.id))).toEqual([true, true, true]);
  });
});

describe("staff replies, first response and official responses", () => {
  it("records the first public staff word, not an internal note or a customer's", async () => {
    const author = await makePerson();
    const staff = await makePerson("staff");
    const idea = makeIdea(author.id, "First response");
    comment(idea.id, author, "bump");
    comment(idea.id, staff, "note to self", { kind: "internal" });
    expect(row(idea.id).firstAt).toBeNull();
    expect(row(idea.id).comments).toBe(1);
    comment(idea.id, staff, "We are on it");
    expect(row(idea.id)).toMatchObject({ firstBy: staff.id, comments: 2 });
    expect(row(idea.id).firstAt).toEqual(expect.any(Number));
  });

  it("pins an official response, keeps each choice in the timeline and notifies followers", async () => {
    const author = await makePerson();
    const first = await makePerson("staff", { displayName: "Olga Official" });
    const second = await makePerson("admin");
    const idea = makeIdea(author.id, "Official");
    const customerComment = comment(idea.id, author, "my two cents");
    const a = comment(idea.id, first, "First answer");
    const b = comment(idea.id, second, "Better answer");
    expect(() => setOfficialResponse({ ideaId: idea.id, commentId: customerComment.id, staffId: first.id })).toThrow(CommentRefusedError);
    setOfficialResponse({ ideaId: idea.id, commentId: a.id, staffId: first.id });
    setOfficialResponse({ ideaId: idea.id, commentId: b.id, staffId: second.id });
    expect(row(idea.id).official).toBe(b.id);
    const events = getThread(idea.id, null).filter((item) => item.type === "event");
    expect(events.map((event) => event.type === "event" && [event.commentId, event.actorId])).toEqual([
      [a.id, first.id],
      [b.id, second.id],
    ]);
    expect(listNotifications(author.id).notifications.map((n) => n.kind)).toEqual(["official_response", "official_response", "reply", "reply"]);
  });

  it("refuses an internal note from a customer", async () => {
    const author = await makePerson();
    const idea = makeIdea(author.id, "No notes for customers");
    expect(() => comment(idea.id, author, "sneaky", { kind: "internal" })).toThrow(CommentRefusedError);
    const cookie = await sessionCookieFor(author.id);
    const response = (await call(() =>
      ideaAction(args(makeRequest(`/ideas/${idea.id}`, { cookie, form: { intent: "comment", formId: "new-comment", body: "sneaky", kind: "internal" } }), { id: String(idea.id) })),
    )) as Response;
    expect(response.status).toBe(403);
  });
});

describe("internal notes stay internal", () => {
  it("are absent from a customer's and a visitor's loader data, present for staff", async () => {
    const author = await makePerson();
    const staff = await makePerson("staff");
    const idea = makeIdea(author.id, "Secrets");
    const note = comment(idea.id, staff, "SECRET-NOTE-7731 about pricing", { kind: "internal" });
    comment(idea.id, staff, "SECRET-REPLY-8842", { kind: "internal", parentId: note.id });
    comment(idea.id, staff, "Public answer");
    const path = `/ideas/${idea.id}-secrets`;
    const load = async (cookie?: string) => JSON.stringify(await ideaLoader(args(makeRequest(path, { cookie }), { id: `${idea.id}-secrets` })));
    for (const cookie of [undefined, await sessionCookieFor(author.id)]) {
      const data = await load(cookie);
      expect(data).toContain("Public answer");
      expect(data).not.toContain("SECRET-NOTE-7731");
      expect(data).not.toContain("SECRET-REPLY-8842");
      expect(data).not.toContain('"internal"');
    }
    expect(await load(await sessionCookieFor(staff.id))).toContain("SECRET-NOTE-7731");
    expect(listNotifications(author.id).notifications.every((n) => n.commentId !== note.id)).toBe(true);
  });
});

describe("notifications", () => {
  it("tells the person replied to, tells followers of a staff reply once, never the actor", async () => {
    const author = await makePerson();
    const follower = await makePerson();
    const staff = await makePerson("staff", { displayName: "Sofía Staff" });
    const idea = makeIdea(author.id, "Notify me");
    setVote(idea.id, follower.id, true);
    const question = comment(idea.id, follower, "A question");
    expect(listNotifications(author.id).notifications.map((n) => n.kind)).toEqual(["reply"]);

    comment(idea.id, staff, "The answer", { parentId: question.id });
    expect(listNotifications(follower.id).notifications.map((n) => n.kind)).toEqual(["reply"]);
    expect(listNotifications(author.id).notifications.map((n) => n.kind)).toEqual(["staff_reply", "reply"]);
    expect(listNotifications(staff.id).notifications).toEqual([]);
    expect(unreadCount(author.id)).toBe(2);
    expect(listNotifications(author.id).notifications[0]).toMatchObject({ actorName: "Sofía Staff", ideaTitle: "Notify me" });
  });

  it("emails only the kinds a person wants, in their language", async () => {
    const author = await makePerson();
    sqlite.prepare("update users set locale = 'es' where id = ?").run(author.id);
    const quiet = await makePerson();
    const staff = await makePerson("staff", { displayName: "Marta Ruiz" });
    sqlite.prepare("update users set job_title = 'Support Engineer' where id = ?").run(staff.id);
    const idea = makeIdea(author.id, "Correo en español");
    setVote(idea.id, quiet.id, true);
    setEmailPreference(quiet.id, "staff_reply", false);
    comment(idea.id, staff, "Respuesta del equipo");
    expect(outbox(quiet.email)).toEqual([]);
    expect(listNotifications(quiet.id).notifications).toHaveLength(1);
    const [email] = outbox(author.email);
    expect(email!.subject).toBe("Marta Ruiz (Support Engineer) te respondió en «Correo en español»");
    expect(email!.text).toContain("Respuesta del equipo");
    expect(JSON.parse(email!.headers)["List-Unsubscribe"]).toMatch(/^<http:\/\/localhost:\d+\/unsubscribe\?token=[\w-]+\.[\w-]+>$/);
  });
});
