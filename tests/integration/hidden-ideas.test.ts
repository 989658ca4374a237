import { beforeAll, describe, expect, it } from "vitest";
import { follow } from "~/domain/follows.server";
import { hideReported, reportContent } from "~/domain/moderation.server";
import { listNotifications } from "~/domain/notifications.server";
import { assignIdea, changeStatus, mergeIdeas } from "~/domain/workflow.server";
import { action as ideaAction, loader as ideaLoader } from "~/routes/ideas.$id._index/route";
import { action as editAction, loader as editLoader } from "~/routes/ideas.$id.edit";
import { action as voteAction } from "~/routes/ideas.$id.vote";
import { loader as notificationsLoader } from "~/routes/notifications";
import { comment } from "#tests/support/comments";
import { accepted, answerOf, args, call, ensureSite, makePerson, makeRequest, sessionCookieFor } from "#tests/support/fixtures";
import { makeIdea, plainBody } from "#tests/support/ideas";

beforeAll(ensureSite);

// Issue 11: a moderation-hidden idea's title leaked through the redirect to its canonical
// slug and the concealed page's data; other customers could still vote and comment on it. (Its
// assignee, kept to staff then, is public since issue 16: "Looked after by" on the idea page.)

const TITLE = "Secret sauce recipe";
const SLUG_WORDS = /secret|sauce|recipe/i;

async function hiddenIdea(beforeHiding?: (ideaId: number) => Promise<unknown>) {
  const author = await makePerson();
  const staff = await makePerson("staff");
  const idea = await makeIdea(author.id, TITLE, { body: "The whole recipe." });
  await beforeHiding?.(idea.id);
  const reporter = await makePerson();
  const report = accepted(await reportContent({ reporterId: reporter.id, ideaId: idea.id, commentId: null, reason: "Off topic" }));
  accepted(await hideReported({ reportId: report.id, staffId: staff.id, reason: "Off topic" }));
  return { idea, author, staff };
}

const load = (path: string, cookie?: string) => call(() => ideaLoader(args(makeRequest(path, { cookie }), { id: path.split("/")[2]! })));
const act = (ideaId: number, cookie: string, form: Record<string, string>) =>
  call(() => ideaAction(args(makeRequest(`/ideas/${ideaId}`, { cookie, form }), { id: String(ideaId) })));

describe("a hidden idea, to those who may not see it", () => {
  it("is a placeholder naming only its number: no redirect to the slug, nothing of the title in the data", async () => {
    const { idea } = await hiddenIdea();
    const other = await sessionCookieFor((await makePerson()).id);
    for (const cookie of [undefined, other]) {
      for (const path of [`/ideas/${idea.id}`, `/ideas/${idea.id}-anything`, `/ideas/${idea.id}-secret-sauce-recipe`]) {
        const answer = await load(path, cookie);
        expect(answer).not.toBeInstanceOf(Response);
        expect(answer).toEqual({ concealed: true, path: `/ideas/${idea.id}` });
        expect(JSON.stringify(answer)).not.toMatch(SLUG_WORDS);
      }
    }
  });

  it("takes no vote, comment, reply, follow, report or edit from anyone but staff", async () => {
    const other = await makePerson();
    let earlier = { id: 0 };
    const { idea, author, staff } = await hiddenIdea(async (ideaId) => (earlier = await comment(ideaId, other, "Said before it was hidden.")));
    for (const person of [other, author]) {
      const cookie = await sessionCookieFor(person.id);
      const vote = await call(() => voteAction(args(makeRequest(`/ideas/${idea.id}/vote`, { cookie, form: { wanted: "true" } }), { id: String(idea.id) })));
      expect(answerOf(vote).status).toBe(404);
      const forms: Array<Record<string, string>> = [
        { intent: "comment", body: "Me too" },
        { intent: "comment", body: "A reply", parentId: String(earlier.id) },
        { intent: "follow" },
        { intent: "report", reason: "Still there" },
        { intent: "delete" },
      ];
      for (const form of forms) {
        expect(answerOf(await act(idea.id, cookie, form)).status, `${person === author ? "author" : "other"}: ${form.intent}`).toBe(404);
      }
    }
    // The domain refuses too, whoever calls it.
    expect(await follow(idea.id, other.id)).toEqual({ ok: false, reason: "notFound" });
    const authorCookie = await sessionCookieFor(author.id);
    expect(answerOf(await call(() => editLoader(args(makeRequest(`/ideas/${idea.id}/edit`, { cookie: authorCookie }), { id: String(idea.id) })))).status).toBe(404);
    const edit = await call(() =>
      editAction(args(makeRequest(`/ideas/${idea.id}/edit`, { cookie: authorCookie, form: { title: "Innocent title", body: "Nothing to see" } }), { id: String(idea.id) })),
    );
    expect(answerOf(edit).status).toBe(404);

    // Staff still act on it.
    const staffCookie = await sessionCookieFor(staff.id);
    const staffComment = (await act(idea.id, staffCookie, { intent: "comment", body: "We hid this because it is off topic." })) as Response;
    expect(staffComment.status).toBe(302);
  });

  it("its author still sees it, marked and without the means to act; staff see it whole", async () => {
    const { idea, author, staff } = await hiddenIdea();
    const canonical = `/ideas/${idea.id}-secret-sauce-recipe`;
    const forAuthor = await load(canonical, await sessionCookieFor(author.id));
    expect(forAuthor).toMatchObject({ concealed: false, idea: { title: TITLE, hidden: { reason: "Off topic" } }, canAct: false, canEdit: false, canDelete: false });
    expect(await load(canonical, await sessionCookieFor(staff.id))).toMatchObject({ concealed: false, canAct: true });
    // The author and staff are sent to the canonical URL as usual.
    expect(((await load(`/ideas/${idea.id}`, await sessionCookieFor(author.id))) as Response).headers.get("Location")).toBe(canonical);
  });

  it("is named by its number only where another idea or a notification mentions it, and its news reach only who may see it", async () => {
    const { idea: hidden, staff } = await hiddenIdea();
    const customer = await makePerson();
    const duplicate = await makeIdea(customer.id, "Sauce secrets please");
    accepted(await mergeIdeas({ sourceId: duplicate.id, targetId: hidden.id, staffId: staff.id }));

    const page = await load(`/ideas/${duplicate.id}-sauce-secrets-please`, await sessionCookieFor(customer.id));
    expect(page).toMatchObject({ idea: { mergedInto: { id: hidden.id, title: null } } });
    const events = (page as { thread: Array<{ type: string; relatedIdeaTitle?: string | null }> }).thread.filter((item) => item.type === "event");
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((event) => event.relatedIdeaTitle === null)).toBe(true);
    expect(JSON.stringify(page)).not.toMatch(/Secret sauce recipe/);
    expect(await load(`/ideas/${duplicate.id}-sauce-secrets-please`, await sessionCookieFor(staff.id))).toMatchObject({ idea: { mergedInto: { title: TITLE } } });

    // A follower (the merge made the customer follow the hidden idea) hears nothing of it any more.
    const before = (await listNotifications(customer.id)).notifications.length;
    accepted(await changeStatus({ ideaId: hidden.id, staffId: staff.id, to: "planned", note: plainBody("Planned anyway.") }));
    const after = await listNotifications(customer.id);
    expect(after.notifications.length).toBe(before);
    // What was said before names it by its number only.
    const list = await notificationsLoader(args(makeRequest("/notifications", { cookie: await sessionCookieFor(customer.id) })));
    expect(JSON.stringify(list)).not.toMatch(/Secret sauce recipe/);
  });
});

describe("the assignee", () => {
  it("is public: everyone who may see the idea is told who looks after it (issue 16)", async () => {
    const author = await makePerson();
    const staff = await makePerson("staff", { displayName: "Owner In Public" });
    const idea = await makeIdea(author.id, "Assigned work");
    accepted(await assignIdea({ ideaId: idea.id, assigneeId: staff.id, actorId: staff.id }));
    const path = `/ideas/${idea.id}-assigned-work`;
    for (const cookie of [undefined, await sessionCookieFor(author.id), await sessionCookieFor(staff.id)]) {
      const page = (await load(path, cookie)) as { idea: { assignee: { id: string; displayName: string } | null } };
      expect(page.idea.assignee).toMatchObject({ id: staff.id, displayName: "Owner In Public" });
    }
  });
});
