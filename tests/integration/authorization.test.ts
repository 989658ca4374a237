import { beforeAll, describe, expect, it } from "vitest";
import * as adminIndex from "~/routes/admin._index";
import * as adminInsights from "~/routes/admin.insights";
import * as insightsIdeasCsv from "~/routes/admin.insights_.ideas[.csv]";
import * as insightsVotesCsv from "~/routes/admin.insights_.votes[.csv]";
import * as insightsCommentsCsv from "~/routes/admin.insights_.comments[.csv]";
import * as adminApiKeys from "~/routes/admin.api-keys";
import * as adminWebhooks from "~/routes/admin.webhooks";
import * as adminAudit from "~/routes/admin.audit";
import * as adminAuditCsv from "~/routes/admin.audit[.csv]";
import * as adminCategories from "~/routes/admin.categories";
import * as adminChallenge from "~/routes/admin.challenges.$id";
import * as adminChallenges from "~/routes/admin.challenges._index";
import * as adminNewChallenge from "~/routes/admin.challenges.new";
import * as adminModeration from "~/routes/admin.moderation";
import * as adminDataRequests from "~/routes/admin.data-requests";
import * as adminSso from "~/routes/admin.sso";
import * as adminPeople from "~/routes/admin.people._index";
import * as adminPerson from "~/routes/admin.people.$id";
import * as adminSettings from "~/routes/admin.settings";
import * as adminTeam from "~/routes/admin.team";
import * as adminTriage from "~/routes/admin.triage";
import * as ideaPage from "~/routes/ideas.$id._index/route";
import * as newIdeaPage from "~/routes/ideas.new";
import * as votePage from "~/routes/ideas.$id.vote";
import { confirmAddress, resendAddressConfirmation } from "~/domain/email-addresses.server";
import { getIdea } from "~/domain/ideas.server";
import { args, call, ensureSite, makePerson, makeRequest, sessionCookieFor, type DataResult } from "#tests/support/fixtures";
import { makeIdea } from "#tests/support/ideas";
import { lastEmailTo, tokenIn } from "#tests/support/mail";

type Route = { loader?: (a: ReturnType<typeof args>) => unknown; action?: (a: ReturnType<typeof args>) => unknown };
type Case = { name: string; route: Route; path: string; form?: Record<string, string>; params?: Record<string, string> };

let ideaId = 0;
let someoneId = "";
beforeAll(async () => {
  await ensureSite();
  someoneId = (await makePerson()).id;
  ideaId = (await makeIdea(someoneId, "Guarded idea")).id;
});

const staffCases = (): Case[] => [
  { name: "overview page", route: adminIndex, path: "/admin" },
  { name: "triage page", route: adminTriage, path: "/admin/triage" },
  { name: "insights page", route: adminInsights, path: "/admin/insights" },
  { name: "insights ideas CSV", route: insightsIdeasCsv, path: "/admin/insights/ideas.csv" },
  { name: "insights votes CSV", route: insightsVotesCsv, path: "/admin/insights/votes.csv" },
  { name: "insights comments CSV", route: insightsCommentsCsv, path: "/admin/insights/comments.csv" },
  { name: "triage bulk change", route: adminTriage, path: "/admin/triage", form: { ids: String(ideaId), status: "planned" } },
  { name: "categories page", route: adminCategories, path: "/admin/categories" },
  { name: "category create", route: adminCategories, path: "/admin/categories", form: { intent: "create", formId: "new", name: "Hax", colour: "#000000" } },
  { name: "moderation page", route: adminModeration, path: "/admin/moderation" },
  { name: "people directory", route: adminPeople, path: "/admin/people" },
  { name: "a person's page", route: adminPerson, path: "/admin/people/x", params: { id: "x" } },
  { name: "challenges page", route: adminChallenges, path: "/admin/challenges" },
  { name: "new challenge page", route: adminNewChallenge, path: "/admin/challenges/new" },
  { name: "challenge create", route: adminNewChallenge, path: "/admin/challenges/new", form: { title: "Hax challenge", brief: "x" } },
  { name: "challenge page", route: adminChallenge, path: "/admin/challenges/1", params: { id: "1" } },
  ...["save", "publish", "unpublish", "results"].map((intent) => ({
    name: `challenge ${intent}`,
    route: adminChallenge,
    path: "/admin/challenges/1",
    params: { id: "1" },
    form: { intent, title: "Hax challenge", brief: "x", note: "x", "place-1": "1" },
  })),
  { name: "moderation dismiss", route: adminModeration, path: "/admin/moderation", form: { intent: "dismiss", reportId: "1" } },
  ...["status", "merge", "unmerge", "assign", "official", "record-vote"].map((intent) => ({
    name: `idea ${intent}`,
    route: ideaPage,
    path: `/ideas/${ideaId}`,
    params: { id: String(ideaId) },
    form: { intent, status: "planned", note: "x", target: "1", assigneeId: "", commentId: "1", email: "sneaky-voter@example.com" },
  })),
];

const adminCases = (): Case[] => [
  { name: "team page", route: adminTeam, path: "/admin/team" },
  { name: "team invite", route: adminTeam, path: "/admin/team", form: { intent: "invite", email: "x@example.com" } },
  { name: "team invitation resend", route: adminTeam, path: "/admin/team", form: { intent: "resend", invitationId: "1" } },
  { name: "team invitation revoke", route: adminTeam, path: "/admin/team", form: { intent: "revoke", invitationId: "1" } },
  { name: "team role change", route: adminTeam, path: "/admin/team", form: { intent: "change-role", personId: "x", role: "admin" } },
  { name: "audit page", route: adminAudit, path: "/admin/audit" },
  { name: "audit CSV export", route: adminAuditCsv, path: "/admin/audit.csv" },
  { name: "data requests page", route: adminDataRequests, path: "/admin/data-requests" },
  { name: "single sign-on page", route: adminSso, path: "/admin/sso" },
  { name: "single sign-on secret", route: adminSso, path: "/admin/sso", form: {} },
  { name: "data request export", route: adminDataRequests, path: "/admin/data-requests", form: { intent: "export", email: "x@example.com", requested: "on" } },
  { name: "data request delete", route: adminDataRequests, path: "/admin/data-requests", form: { intent: "delete", email: "x@example.com", requested: "on" } },
  { name: "API keys page", route: adminApiKeys, path: "/admin/api-keys" },
  { name: "API key create", route: adminApiKeys, path: "/admin/api-keys", form: { intent: "create", name: "Hax", scope: "read_write" } },
  { name: "API key revoke", route: adminApiKeys, path: "/admin/api-keys", form: { intent: "revoke", keyId: "1" } },
  { name: "webhooks page", route: adminWebhooks, path: "/admin/webhooks" },
  { name: "webhook create", route: adminWebhooks, path: "/admin/webhooks", form: { intent: "create", url: "https://example.com/hook", format: "json", events: "idea.posted" } },
  ...["test", "enable", "delete"].map((intent) => ({ name: `webhook ${intent}`, route: adminWebhooks, path: "/admin/webhooks", form: { intent, webhookId: "1" } })),
  { name: "settings page", route: adminSettings, path: "/admin/settings" },
  { name: "settings save", route: adminSettings, path: "/admin/settings", form: { name: "Hax", defaultLocale: "en", replyPromiseDays: "9", signupMode: "anyone" } },
  ...["role", "block", "unblock", "remove-photo"].flatMap((intent) => [
    { name: `directory ${intent}`, route: adminPeople, path: "/admin/people", form: { intent, personId: "x", role: "admin", reason: "spam spam" } },
    { name: `person page ${intent}`, route: adminPerson, path: "/admin/people/x", params: { id: "x" }, form: { intent, personId: "x", role: "admin", reason: "spam spam" } },
  ]),
  { name: "block a person", route: adminModeration, path: "/admin/moderation", form: { intent: "block", personId: "x", reason: "spam spam" } },
  { name: "unblock a person", route: adminModeration, path: "/admin/moderation", form: { intent: "unblock", personId: "x" } },
];

async function attempt(testCase: Case, cookie?: string) {
  const handler = testCase.form ? testCase.route.action! : testCase.route.loader!;
  return (await call(() => handler(args(makeRequest(testCase.path, { cookie, form: testCase.form }), testCase.params)))) as Response;
}

describe("staff actions", () => {
  it("send visitors to log in", async () => {
    for (const testCase of staffCases()) {
      const response = await attempt(testCase);
      expect(response.headers.get("Location"), testCase.name).toMatch(/^\/login\?redirectTo=/);
    }
  });

  it("refuse customers with 403, and change nothing", async () => {
    const cookie = await sessionCookieFor((await makePerson("customer")).id);
    for (const testCase of staffCases()) {
      expect((await attempt(testCase, cookie)).status, testCase.name).toBe(403);
    }
    expect(await getIdea(ideaId, null)).toMatchObject({ status: "open", assigneeId: null });
  });
});

describe("admin actions", () => {
  it("refuse staff with 403 (and customers, and visitors)", async () => {
    const staff = await sessionCookieFor((await makePerson("staff")).id);
    const customer = await sessionCookieFor((await makePerson("customer")).id);
    for (const testCase of adminCases()) {
      expect((await attempt(testCase, staff)).status, testCase.name).toBe(403);
      expect((await attempt(testCase, customer)).status, testCase.name).toBe(403);
      expect((await attempt(testCase)).headers.get("Location"), testCase.name).toMatch(/^\/login/);
    }
  });
});

describe("taking part with an unconfirmed address", () => {
  const participationCases = (): Case[] => [
    { name: "new idea page", route: newIdeaPage, path: "/ideas/new" },
    { name: "post an idea", route: newIdeaPage, path: "/ideas/new", form: { title: "An idea from nowhere", body: "x" } },
    { name: "vote", route: votePage, path: `/ideas/${ideaId}/vote`, params: { id: String(ideaId) }, form: { wanted: "true" } },
    ...["comment", "edit-comment", "report"].map((intent) => ({
      name: intent,
      route: ideaPage,
      path: `/ideas/${ideaId}`,
      params: { id: String(ideaId) },
      form: { intent, formId: "new-comment", body: "x", commentId: "1", reason: "spam spam" },
    })),
  ];

  it("is refused with 403 and the address to confirm, until it is confirmed", async () => {
    const person = await makePerson("customer", { verified: false });
    const cookie = await sessionCookieFor(person.id);
    const before = await getIdea(ideaId, null);
    for (const testCase of participationCases()) {
      const refused = (await call(() => (testCase.form ? testCase.route.action! : testCase.route.loader!)(args(makeRequest(testCase.path, { cookie, form: testCase.form }), testCase.params)))) as unknown as DataResult<{ unverifiedEmail: string }>;
      expect(refused.init?.status, testCase.name).toBe(403);
      expect(refused.data.unverifiedEmail, testCase.name).toBe(person.email);
    }
    // The page's script gets the reason to show beside the button.
    const enhanced = (await call(() => votePage.action(args(makeRequest(`/ideas/${ideaId}/vote`, { cookie, form: { wanted: "true", enhanced: "1" } }), { id: String(ideaId) })))) as unknown as DataResult<unknown>;
    expect(enhanced).toMatchObject({ data: { refused: "unverified" }, init: { status: 403 } });
    expect(await getIdea(ideaId, null)).toMatchObject({ voteCount: before!.voteCount, commentCount: before!.commentCount });

    await resendAddressConfirmation(person.id);
    expect(await confirmAddress(tokenIn(await lastEmailTo(person.email), "verify-email")!)).toMatchObject({ ok: true });
    const confirmed = await sessionCookieFor(person.id);
    const vote = (await call(() => votePage.action(args(makeRequest(`/ideas/${ideaId}/vote`, { cookie: confirmed, form: { wanted: "true", enhanced: "1" } }), { id: String(ideaId) })))) as unknown;
    expect(vote).toEqual({ voted: true, voteCount: before!.voteCount + 1 });
  });
});
