import { beforeAll, describe, expect, it } from "vitest";
import { challenges, categories, comments, invitations, reports } from "#db/tables";
import { AUDIT_ACTIONS, type AuditAction } from "~/domain/audit-actions";
import { AUDIT_PAGE_SIZE, allAuditEntries, audit, listAudit, listAuditActors } from "~/domain/audit.server";
import { transaction } from "~/lib/db.server";
import { i18nForRendering } from "~/lib/i18n.server";
import { sayPhrase, type Phrase } from "~/lib/phrase";
import { markSafeHtml } from "~/lib/safe-html";
import { ensureSite, makePerson } from "#tests/support/fixtures";
import { makeIdea } from "#tests/support/ideas";
import en from "~/locales/en.json";
import es from "~/locales/es.json";

const say = (locale: "en" | "es", phrase: Phrase) => sayPhrase((key, values) => i18nForRendering(locale).t(key, values), locale, phrase);
const at = (iso: string) => new Date(iso);

let marta: Awaited<ReturnType<typeof makePerson>>;
let luis: Awaited<ReturnType<typeof makePerson>>;
let customer: Awaited<ReturnType<typeof makePerson>>;
let idea: { id: number };
let other: { id: number };
let third: { id: number };
let categoryId: number;
let challengeId: number;
let commentId: number;
let reportId: number;
let invitationId: number;

async function record(actorId: string, action: AuditAction, targetType: Parameters<typeof audit>[1]["targetType"], targetId: string | number, details: Record<string, unknown>, when: string) {
  await transaction((tx) => audit(tx, { actorId, action, targetType, targetId, details, now: at(when) }));
}

beforeAll(async () => {
  await ensureSite();
  marta = await makePerson("admin", { displayName: "Marta Ruiz" });
  luis = await makePerson("staff", { displayName: "Luis Gil" });
  customer = await makePerson("customer", { displayName: "Ana Sol" });
  idea = await makeIdea(customer.id, "Faster check-out");
  other = await makeIdea(customer.id, "Quicker check-out");
  third = await makeIdea(customer.id, "Pay by phone");
  await transaction(async (tx) => {
    [{ id: categoryId }] = (await tx.insert(categories).values({ name: "Payments", colour: "#112233" }).returning({ id: categories.id })) as [{ id: number }];
    [{ id: challengeId }] = (await tx
      .insert(challenges)
      .values({
        slug: "greener",
        title: "Greener deliveries",
        briefJson: "{}",
        briefHtml: markSafeHtml("<p></p>"),
        briefText: "",
        submissionOpensAt: at("2026-01-01T00:00:00Z"),
        submissionClosesAt: at("2026-02-01T00:00:00Z"),
        votingOpensAt: at("2026-02-01T00:00:00Z"),
        votingClosesAt: at("2026-03-01T00:00:00Z"),
        createdById: marta.id,
      })
      .returning({ id: challenges.id })) as [{ id: number }];
    [{ id: commentId }] = (await tx
      .insert(comments)
      .values({ ideaId: other.id, authorId: customer.id, bodyJson: "{}", bodyHtml: markSafeHtml("<p>x</p>"), bodyText: "x", createdAt: at("2026-03-01T00:00:00Z") })
      .returning({ id: comments.id })) as [{ id: number }];
    [{ id: reportId }] = (await tx.insert(reports).values({ reporterId: luis.id, ideaId: third.id, reason: "Spam", createdAt: at("2026-03-01T00:00:00Z") }).returning({ id: reports.id })) as [
      { id: number },
    ];
    [{ id: invitationId }] = (await tx
      .insert(invitations)
      .values({ tokenHash: "hash", email: "new@example.com", invitedById: marta.id, expiresAt: at("2026-04-01T00:00:00Z") })
      .returning({ id: invitations.id })) as [{ id: number }];
  });

  // One entry of each action, a minute apart, in the order of AUDIT_ACTIONS.
  const entries: Array<[string, AuditAction, Parameters<typeof audit>[1]["targetType"], string | number, Record<string, unknown>]> = [
    [marta.id, "idea.status", "idea", idea.id, { from: "open", to: "planned" }],
    [luis.id, "idea.merge", "idea", other.id, { into: idea.id }],
    [luis.id, "idea.unmerge", "idea", other.id, { from: idea.id }],
    [luis.id, "idea.assign", "idea", idea.id, { assigneeId: luis.id }],
    [luis.id, "idea.category", "idea", idea.id, { categoryId }],
    [luis.id, "idea.hide", "idea", third.id, { reason: "Insults" }],
    [luis.id, "comment.hide", "comment", commentId, { reason: "Spam" }],
    [luis.id, "report.dismiss", "report", reportId, {}],
    [marta.id, "person.role", "person", luis.id, { from: "customer", to: "staff" }],
    [marta.id, "person.block", "person", customer.id, { reason: "Abuse" }],
    [marta.id, "person.unblock", "person", customer.id, {}],
    [marta.id, "person.export", "person", customer.id, {}],
    [marta.id, "person.delete", "person", "a-deleted-account", {}],
    [marta.id, "sso.secret", "site", 1, {}],
    [marta.id, "invitation.create", "invitation", invitationId, { email: "new@example.com" }],
    [marta.id, "invitation.resend", "invitation", invitationId, { email: "new@example.com" }],
    [marta.id, "invitation.revoke", "invitation", invitationId, {}],
    [marta.id, "challenge.create", "challenge", challengeId, { title: "Greener deliveries" }],
    [marta.id, "challenge.update", "challenge", challengeId, { title: "Greener deliveries" }],
    [marta.id, "challenge.publish", "challenge", challengeId, {}],
    [marta.id, "challenge.unpublish", "challenge", challengeId, {}],
    [marta.id, "challenge.results", "challenge", challengeId, { winners: [{ ideaId: idea.id, rank: 1 }, { ideaId: third.id, rank: 2 }, { ideaId: other.id, rank: null }] }],
    [marta.id, "apiKey.create", "apiKey", 1, { name: "CRM sync", scope: "read_write" }],
    [marta.id, "apiKey.revoke", "apiKey", 1, { name: "CRM sync" }],
    [luis.id, "vote.record", "idea", idea.id, { personId: customer.id, note: "call with Ana, 12 May" }],
    [luis.id, "vote.remove", "idea", idea.id, { personId: customer.id }],
    [marta.id, "webhook.create", "webhook", 1, { url: "https://hooks.example.com/tertulia", events: ["idea.posted"] }],
    [marta.id, "webhook.delete", "webhook", 1, { url: "https://hooks.example.com/tertulia" }],
    [
      marta.id,
      "site.settings",
      "site",
      1,
      {
        replyPromiseDays: { from: 3, to: 5 },
        listeningPublic: { from: true, to: false },
        defaultLocale: { from: "en", to: "es" },
        signupMode: { from: "anyone", to: "invited" },
        signupDomains: { from: [], to: ["acme.test", "acme.example"] },
        senderName: { from: null, to: "Acme team" },
      },
    ],
    [marta.id, "site.logo", "site", 1, { logo: { from: null, to: "an-upload" } }],
    [marta.id, "person.photo.remove", "person", luis.id, {}],
  ];
  for (const [index, [actor, action, type, target, details]] of entries.entries()) {
    await record(actor, action, type, target, details, `2026-03-10T10:${String(index).padStart(2, "0")}:00Z`);
  }
});

describe("the audit log in sentences", () => {
  it("says every action in plain words in English, naming people, ideas, categories and challenges", async () => {
    const { entries } = await listAudit();
    const sentences = Object.fromEntries(entries.map((entry) => [entry.action, say("en", entry.sentence)]));
    const ref = (target: { id: number }, title: string) => `#${target.id} “${title}”`;
    expect(sentences).toEqual({
      "idea.status": `Marta Ruiz changed the status of ${ref(idea, "Faster check-out")} from Open to Planned`,
      "idea.merge": `Luis Gil merged ${ref(other, "Quicker check-out")} into ${ref(idea, "Faster check-out")}`,
      "idea.unmerge": `Luis Gil undid the merge of ${ref(other, "Quicker check-out")} into ${ref(idea, "Faster check-out")}`,
      "idea.assign": `Luis Gil assigned ${ref(idea, "Faster check-out")} to Luis Gil`,
      "idea.category": `Luis Gil moved ${ref(idea, "Faster check-out")} to the category Payments`,
      "idea.hide": `Luis Gil hid ${ref(third, "Pay by phone")} (reason: Insults)`,
      "comment.hide": `Luis Gil hid a comment on ${ref(other, "Quicker check-out")} (reason: Spam)`,
      "report.dismiss": `Luis Gil dismissed a report about ${ref(third, "Pay by phone")}`,
      "person.role": "Marta Ruiz changed the role of Luis Gil from Customer to Staff",
      "person.block": "Marta Ruiz blocked Ana Sol (reason: Abuse)",
      "person.unblock": "Marta Ruiz unblocked Ana Sol",
      "person.export": "Marta Ruiz downloaded the data of Ana Sol at their request",
      "person.delete": "Marta Ruiz deleted an account at its owner's request",
      "sso.secret": "Marta Ruiz made a new secret for signed-token sign-in (the old one stopped working)",
      "invitation.create": "Marta Ruiz invited new@example.com to join the team",
      "invitation.resend": "Marta Ruiz sent the invitation to new@example.com again",
      "invitation.revoke": "Marta Ruiz revoked the invitation sent to new@example.com",
      "challenge.create": "Marta Ruiz created the challenge “Greener deliveries”",
      "challenge.update": "Marta Ruiz edited the challenge “Greener deliveries”",
      "challenge.publish": "Marta Ruiz published the challenge “Greener deliveries”",
      "challenge.unpublish": "Marta Ruiz took the challenge “Greener deliveries” back to draft",
      "challenge.results": `Marta Ruiz announced the results of the challenge “Greener deliveries”: ${ref(idea, "Faster check-out")} (1st), ${ref(third, "Pay by phone")} (2nd), and ${ref(other, "Quicker check-out")}`,
      "apiKey.create": "Marta Ruiz created the API key “CRM sync” (Read and write)",
      "apiKey.revoke": "Marta Ruiz revoked the API key “CRM sync”",
      "vote.record": `Luis Gil recorded the vote of Ana Sol for ${ref(idea, "Faster check-out")} (call with Ana, 12 May)`,
      "vote.remove": `Luis Gil took back the vote of Ana Sol for ${ref(idea, "Faster check-out")}`,
      "webhook.create": "Marta Ruiz added a webhook to https://hooks.example.com/tertulia",
      "webhook.delete": "Marta Ruiz deleted the webhook to https://hooks.example.com/tertulia",
      "site.settings":
        "Marta Ruiz changed the site settings: Reply promise (days) from 3 to 5, Show the public listening record from on to off, Default language from English to Español, " +
        "Who can create an account from Anyone to Only invited people (or through the company's sign-in), Allowed email domains from nothing to “acme.test acme.example”, " +
        "and Sender name of emails from nothing to “Acme team”",
      "site.logo": "Marta Ruiz changed the site's logo",
      "person.photo.remove": "Marta Ruiz removed the photo of Luis Gil",
    });
    expect(Object.keys(sentences).sort()).toEqual([...AUDIT_ACTIONS].sort());
  });

  it("says them in Spanish too, and no sentence shows a raw value", async () => {
    const { entries } = await listAudit();
    const status = entries.find((entry) => entry.action === "idea.status")!;
    expect(say("es", status.sentence)).toBe(`Marta Ruiz cambió el estado de #${idea.id} «Faster check-out» de ${es.statuses.open.label} a ${es.statuses.planned.label}`);
    const results = entries.find((entry) => entry.action === "challenge.results")!;
    expect(say("es", results.sentence)).toContain(`#${idea.id} «Faster check-out» (1.º)`);
    for (const entry of entries) {
      for (const locale of ["en", "es"] as const) {
        const sentence = say(locale, entry.sentence);
        expect(sentence).not.toMatch(/\{\{|\[object|undefined|audit\.|statuses\.|roles\.|_|\b(open|planned|staff3)\b/);
        expect(sentence).not.toContain(luis.id);
      }
    }
  });

  it("has every sentence in both languages", () => {
    expect(Object.keys(es.audit.sentences).sort()).toEqual(Object.keys(en.audit.sentences).sort());
    for (const action of AUDIT_ACTIONS) {
      expect(en.audit.actions[action], action).toBeTruthy();
      expect(es.audit.actions[action], action).toBeTruthy();
    }
  });

  it("names someone who left, an idea that is gone, and an action this version does not know, without failing", async () => {
    await record(marta.id, "idea.status", "idea", 999_999, { from: "open", to: "declined" }, "2026-03-11T10:00:00Z");
    await transaction(async (tx) => {
      await audit(tx, { actorId: marta.id, action: "idea.assign", targetType: "idea", targetId: idea.id, details: { assigneeId: "nobody-here" }, now: at("2026-03-11T10:01:00Z") });
      await audit(tx, { actorId: marta.id, action: "settings.future" as AuditAction, targetType: "idea", targetId: idea.id, details: { x: 1 }, now: at("2026-03-11T10:02:00Z") });
    });
    const { entries } = await listAudit({ from: at("2026-03-11T00:00:00Z") });
    expect(entries.map((entry) => say("en", entry.sentence))).toEqual([
      `Marta Ruiz did “settings.future” on idea ${idea.id}`,
      `Marta Ruiz assigned #${idea.id} “Faster check-out” to someone no longer here`,
      "Marta Ruiz changed the status of #999999 from Open to Declined",
    ]);
  });
});

describe("filters and pages", () => {
  it("filters by person, by action and by dates (from inclusive, until exclusive)", async () => {
    const byLuis = await listAudit({ actorId: luis.id });
    expect(byLuis.entries).toHaveLength(9);
    expect(new Set(byLuis.entries.map((entry) => entry.actorName))).toEqual(new Set(["Luis Gil"]));

    const statusChanges = await listAudit({ action: "idea.status" });
    expect(statusChanges.entries.map((entry) => entry.targetId)).toEqual(["999999", String(idea.id)]);

    const window = await listAudit({ from: at("2026-03-10T10:02:00Z"), until: at("2026-03-10T10:04:00Z") });
    expect(window.entries.map((entry) => entry.action)).toEqual(["idea.assign", "idea.unmerge"]);

    const combined = await listAudit({ actorId: marta.id, action: "person.block", until: at("2026-03-11T00:00:00Z") });
    expect(combined.entries.map((entry) => entry.action)).toEqual(["person.block"]);
  });

  it("pages newest first without losing or repeating an entry, even when entries share a moment", async () => {
    await transaction(async (tx) => {
      for (let index = 0; index < AUDIT_PAGE_SIZE + 5; index++) {
        await audit(tx, { actorId: luis.id, action: "idea.hide", targetType: "idea", targetId: idea.id, details: { reason: `r${index}` }, now: at("2026-03-12T00:00:00Z") });
      }
    });
    const first = await listAudit({ action: "idea.hide" });
    expect(first.entries).toHaveLength(AUDIT_PAGE_SIZE);
    expect(first.nextBefore).toBe(first.entries.at(-1)!.id);
    const second = await listAudit({ action: "idea.hide" }, first.nextBefore!);
    expect(second.nextBefore).toBeNull();
    const ids = [...first.entries, ...second.entries].map((entry) => entry.id);
    expect(new Set(ids).size).toBe(AUDIT_PAGE_SIZE + 6);
    expect(second.entries.at(-1)!.details).toEqual({ reason: "Insults" });

    const streamed: number[] = [];
    for await (const batch of allAuditEntries({ action: "idea.hide" })) streamed.push(...batch.map((entry) => entry.id));
    expect(streamed).toEqual(ids);
  });

  it("offers as people to filter by those who appear in the log", async () => {
    expect((await listAuditActors()).map((actor) => actor.displayName)).toEqual(["Luis Gil", "Marta Ruiz"]);
  });
});
