import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { ideas } from "#db/tables";
import { getIdea } from "~/domain/ideas.server";
import { listNotifications } from "~/domain/notifications.server";
import { mergeIdeas } from "~/domain/workflow.server";
import { transaction } from "~/lib/db.server";
import { action as ideaAction, loader as ideaLoader } from "~/routes/ideas.$id._index/route";
import { comment } from "#tests/support/comments";
import { accepted, args, call, ensureSite, makePerson, makeRequest, sessionCookieFor } from "#tests/support/fixtures";
import { makeIdea } from "#tests/support/ideas";

beforeAll(ensureSite);

const post = (ideaId: number, cookie: string | undefined, form: Record<string, string>) =>
  call(() => ideaAction(args(makeRequest(`/ideas/${ideaId}`, { cookie, form }), { id: String(ideaId) })));

describe("the idea page", () => {
  it("redirects a wrong or missing slug to the canonical URL, and 404s a missing idea", async () => {
    const idea = await makeIdea((await makePerson()).id, "Entrega en sábado");
    for (const path of [`/ideas/${idea.id}`, `/ideas/${idea.id}-old-title`]) {
      const response = (await call(() => ideaLoader(args(makeRequest(`${path}?from=mail`), { id: path.split("/")[2]! })))) as Response;
      expect(response.status).toBe(301);
      expect(response.headers.get("Location")).toBe(`/ideas/${idea.id}-entrega-en-sabado?from=mail`);
    }
    const ok = await ideaLoader(args(makeRequest(`/ideas/${idea.id}-entrega-en-sabado`), { id: `${idea.id}-entrega-en-sabado` }));
    expect(ok).toMatchObject({ idea: { title: "Entrega en sábado" }, canEdit: false, canDelete: false });
    expect((ok as { idea: Record<string, unknown> }).idea.bodyJson).toBeUndefined();
    for (const id of ["999999-nothing", "abc"]) {
      expect(((await call(() => ideaLoader(args(makeRequest(`/ideas/${id}`), { id })))) as Response).status).toBe(404);
    }
  });

  it("offers reporting an idea to signed-in people other than its author", async () => {
    const author = await makePerson();
    const idea = await makeIdea(author.id, "Report me not");
    const load = async (cookie?: string) =>
      (await ideaLoader(args(makeRequest(`/ideas/${idea.id}-report-me-not`, cookie ? { cookie } : {}), { id: `${idea.id}-report-me-not` }))) as { canReport: boolean };
    expect((await load(await sessionCookieFor(author.id))).canReport).toBe(false);
    expect((await load(await sessionCookieFor((await makePerson()).id))).canReport).toBe(true);
    expect((await load()).canReport).toBe(false);
  });

  it("lets the author delete until the team has answered, and nobody else", async () => {
    const author = await makePerson();
    const mine = await sessionCookieFor(author.id);
    const other = await sessionCookieFor((await makePerson("staff")).id);
    const idea = await makeIdea(author.id, "Withdraw me");

    expect(((await post(idea.id, other, { intent: "delete" })) as Response).status).toBe(403);
    expect(((await post(idea.id, mine, { intent: "delete" })) as Response).headers.get("Location")).toBe("/?deleted=1");
    expect(await getIdea(idea.id, null)).toBeNull();

    const answered = await makeIdea(author.id, "Already answered");
    await transaction(async (tx) => {
      await tx.update(ideas).set({ firstResponseAt: new Date() }).where(eq(ideas.id, answered.id));
    });
    expect(await post(answered.id, mine, { intent: "delete" })).toMatchObject({ error: "errors.idea.answeredCannotDelete" });
    expect(await getIdea(answered.id, null)).not.toBeNull();
  });

  it("shows a merged duplicate as pointing to the idea it joined, waiting for nothing, with nothing to follow", async () => {
    const author = await makePerson();
    const staff = await makePerson("staff");
    const target = await makeIdea(author.id, "The original");
    const duplicate = await makeIdea(author.id, "The repeat");
    accepted(await mergeIdeas({ sourceId: duplicate.id, targetId: target.id, staffId: staff.id }));
    const cookie = await sessionCookieFor((await makePerson()).id);
    const page = await ideaLoader(args(makeRequest(`/ideas/${duplicate.id}-the-repeat`, { cookie }), { id: `${duplicate.id}-the-repeat` }));
    expect(page).toMatchObject({ idea: { status: "duplicate", mergedInto: { id: target.id, title: "The original" } }, following: false });
    expect(((await post(duplicate.id, cookie, { intent: "follow" })) as Response).status).toBe(400);
  });

  it("answers 400 to an action it does not know", async () => {
    const idea = await makeIdea((await makePerson()).id, "Unknown actions");
    const cookie = await sessionCookieFor((await makePerson()).id);
    expect(((await post(idea.id, cookie, { intent: "launch-rockets" })) as Response).status).toBe(400);
  });
});

describe("internal notes stay internal", () => {
  it("are refused to a customer, from the form as from anywhere", async () => {
    const author = await makePerson();
    const idea = await makeIdea(author.id, "No notes for customers");
    const response = (await post(idea.id, await sessionCookieFor(author.id), { intent: "comment", formId: "new-comment", body: "sneaky", kind: "internal" })) as Response;
    expect(response.status).toBe(403);
  });

  it("are absent from a customer's and a visitor's loader data, present for staff", async () => {
    const author = await makePerson();
    const staff = await makePerson("staff");
    const idea = await makeIdea(author.id, "Secrets");
    const note = await comment(idea.id, staff, "SECRET-NOTE-7731 about pricing", { kind: "internal" });
    await comment(idea.id, staff, "SECRET-REPLY-8842", { kind: "internal", parentId: note.id });
    await comment(idea.id, staff, "Public answer");
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
    expect((await listNotifications(author.id)).notifications.every((n) => n.commentId !== note.id)).toBe(true);
  });
});

describe("the discussion's actions", () => {
  it("post a comment and redirect to it; a reply to a reply nests; following can be undone", async () => {
    const author = await makePerson();
    const other = await makePerson();
    const idea = await makeIdea(author.id, "Talk about it");
    const cookie = await sessionCookieFor(other.id);
    const posted = (await post(idea.id, cookie, { intent: "comment", formId: "new-comment", body: "First!" })) as Response;
    expect(posted.headers.get("Location")).toMatch(new RegExp(`^/ideas/${idea.id}-talk-about-it#comment-\\d+$`));
    const parentId = posted.headers.get("Location")!.split("#comment-")[1]!;
    const reply = (await post(idea.id, cookie, { intent: "comment", formId: `reply-${parentId}`, body: "Second", parentId })) as Response;
    expect(reply.headers.get("Location")).toMatch(/#comment-\d+$/);
    expect(((await post(idea.id, cookie, { intent: "unfollow" })) as Response).headers.get("Location")).toBe(`/ideas/${idea.id}-talk-about-it`);
    const page = (await ideaLoader(args(makeRequest(`/ideas/${idea.id}-talk-about-it`, { cookie }), { id: `${idea.id}-talk-about-it` }))) as { following: boolean };
    expect(page.following).toBe(false);
  });

  it("keep what was typed when the body is empty, and refuse editing someone else's comment", async () => {
    const author = await makePerson();
    const idea = await makeIdea(author.id, "Careful edits");
    const theirs = await comment(idea.id, author, "Mine");
    const cookie = await sessionCookieFor((await makePerson()).id);
    const empty = (await post(idea.id, cookie, { intent: "comment", formId: "new-comment", body: "   " })) as unknown as { data: { formId: string } };
    expect(empty.data.formId).toBe("new-comment");
    const hijack = (await post(idea.id, cookie, { intent: "edit-comment", formId: `edit-${theirs.id}`, body: "Hijacked", commentId: String(theirs.id) })) as Response;
    expect(hijack.status).toBe(403);
  });
});

describe("recording a customer's vote", () => {
  it("lets staff record a vote by email, shows who recorded it to staff only, and keeps what was typed on a refusal", async () => {
    const staff = await makePerson("staff", { displayName: "Rita Recorder" });
    const cookie = await sessionCookieFor(staff.id);
    const idea = await makeIdea((await makePerson()).id, "Recorded on the phone");
    const answer = await post(idea.id, cookie, { intent: "record-vote", formId: "record-vote-form", email: "caller@example.com", displayName: "Carla Caller", company: "Caller SL", note: "call, 12 May" });
    expect(answer).toMatchObject({ formId: "record-vote-form", recorded: { name: "Carla Caller", alreadyVoted: false } });
    expect((await getIdea(idea.id, null))?.voteCount).toBe(2);

    const path = `/ideas/${idea.id}-recorded-on-the-phone`;
    const staffView = (await ideaLoader(args(makeRequest(path, { cookie }), { id: `${idea.id}-recorded-on-the-phone` }))) as { voters: { list: Array<{ recordedBy: { displayName: string } | null; recordedNote: string | null }> } };
    expect(staffView.voters.list[0]).toMatchObject({ recordedBy: { displayName: "Rita Recorder" }, recordedNote: "call, 12 May" });
    const customerView = (await ideaLoader(args(makeRequest(path, { cookie: await sessionCookieFor((await makePerson()).id) }), { id: `${idea.id}-recorded-on-the-phone` }))) as { voters: unknown };
    expect(customerView.voters).toBeNull();

    const refused = (await post(idea.id, cookie, { intent: "record-vote", formId: "record-vote-form", email: staff.email })) as { data: { result: { error: Record<string, string[]>; initialValue: Record<string, string> } }; init: { status: number } };
    expect(refused.init.status).toBe(400);
    expect(refused.data.result.error).toEqual({ email: ["errors.workflow.notCustomer"] });
    expect(refused.data.result.initialValue.email).toBe(staff.email);
  });
});
