import { beforeAll, describe, expect, it } from "vitest";
import { action as ideaAction, loader as ideaLoader } from "~/routes/ideas.$id._index/route";
import { action as voteAction } from "~/routes/ideas.$id.vote";
import { action as newIdeaAction } from "~/routes/ideas.new";
import { action as moderationAction, loader as moderationLoader } from "~/routes/admin.moderation";
import { getThread } from "~/domain/comments.server";
import { listAudit } from "~/domain/audit.server";
import { args, call, ensureSite, makePerson, makeRequest, sessionCookieFor } from "#tests/support/fixtures";
import { makeIdea } from "#tests/support/ideas";
import { comment } from "#tests/support/comments";

beforeAll(ensureSite);

describe("reports and hiding", () => {
  it("a report goes to the queue; hiding shows a placeholder to others but not to the author or staff", async () => {
    const author = await makePerson();
    const reporter = await makePerson();
    const staff = await makePerson("staff");
    const idea = await makeIdea(author.id, "Honest idea");
    const rude = await comment(idea.id, author, "RUDE-WORDS-123");
    const reporterCookie = await sessionCookieFor(reporter.id);
    const report = (form: Record<string, string>) =>
      call(() => ideaAction(args(makeRequest(`/ideas/${idea.id}`, { cookie: reporterCookie, form: { intent: "report", ...form } }), { id: String(idea.id) })));

    expect(await report({ formId: "report-comment", commentId: String(rude.id), reason: "insults" })).toMatchObject({ reported: true });
    expect(await report({ formId: "report-comment", commentId: String(rude.id), reason: "insults again" })).toMatchObject({
      data: { result: { error: { "": ["errors.moderation.alreadyReported"] } } },
    });
    const staffCookie = await sessionCookieFor(staff.id);
    const queue = (await moderationLoader(args(makeRequest("/admin/moderation", { cookie: staffCookie })))) as { reports: Array<{ id: number; commentText: string }> };
    const entry = queue.reports.find((row) => row.commentText === "RUDE-WORDS-123")!;
    await moderationAction(args(makeRequest("/admin/moderation", { cookie: staffCookie, form: { intent: "hide", reportId: String(entry.id), reason: "Insults" } })));

    const seenBy = async (viewer: { id: string; role: "customer" | "staff" } | null) =>
      (await getThread(idea.id, viewer)).find((item) => item.type === "comment" && item.id === rude.id);
    expect(await seenBy(null)).toMatchObject({ concealed: true, html: null, author: null });
    expect(JSON.stringify(await ideaLoader(args(makeRequest(`/ideas/${idea.id}-honest-idea`), { id: `${idea.id}-honest-idea` })))).not.toContain("RUDE-WORDS-123");
    expect(await seenBy({ id: author.id, role: "customer" })).toMatchObject({ concealed: false, hidden: true, hiddenReason: "Insults" });
    expect(await seenBy({ id: staff.id, role: "staff" })).toMatchObject({ concealed: false, html: "<p>RUDE-WORDS-123</p>" });
    expect((await listAudit()).entries[0]).toMatchObject({ action: "comment.hide", details: { reason: "Insults" } });
  });
});

describe("blocking", () => {
  it("stops a person posting, voting and commenting, and says why; unblocking restores them", async () => {
    const admin = await makePerson("admin");
    const troll = await makePerson();
    const idea = await makeIdea(admin.id, "Target");
    const adminCookie = await sessionCookieFor(admin.id);
    await moderationAction(args(makeRequest("/admin/moderation", { cookie: adminCookie, form: { intent: "block", personId: troll.id, reason: "Repeated spam" } })));

    const cookie = await sessionCookieFor(troll.id);
    const attempts: Array<() => Promise<unknown>> = [
      () => newIdeaAction(args(makeRequest("/ideas/new", { cookie, form: { title: "Buy cheap watches", body: "spam" } }))),
      () => voteAction(args(makeRequest(`/ideas/${idea.id}/vote`, { cookie, form: { wanted: "true" } }), { id: String(idea.id) })),
      () => ideaAction(args(makeRequest(`/ideas/${idea.id}`, { cookie, form: { intent: "comment", formId: "new-comment", body: "spam" } }), { id: String(idea.id) })),
    ];
    for (const attempt of attempts) {
      const refused = (await call(attempt)) as unknown as { data: { blockedReason: string }; init: { status: number } };
      expect(refused.init.status).toBe(403);
      expect(refused.data.blockedReason).toBe("Repeated spam");
    }

    await moderationAction(args(makeRequest("/admin/moderation", { cookie: adminCookie, form: { intent: "unblock", personId: troll.id } })));
    const allowed = (await call(attempts[1]!)) as Response;
    expect(allowed.headers.get("Location")).toBe(`/ideas/${idea.id}`);
    expect((await listAudit()).entries.slice(0, 2).map((entry) => entry.action)).toEqual(["person.unblock", "person.block"]);
  });

  it("does not let an admin block themselves or staff", async () => {
    const admin = await makePerson("admin");
    const staff = await makePerson("staff");
    const cookie = await sessionCookieFor(admin.id);
    const self = (await moderationAction(args(makeRequest("/admin/moderation", { cookie, form: { intent: "block", personId: admin.id, reason: "oops oops" } })))) as unknown as { data: { error: string } };
    expect(self.data.error).toBe("errors.moderation.selfBlock");
    const colleague = (await moderationAction(args(makeRequest("/admin/moderation", { cookie, form: { intent: "block", personId: staff.id, reason: "oops oops" } })))) as unknown as { data: { error: string } };
    expect(colleague.data.error).toBe("errors.moderation.blockStaff");
  });
});
