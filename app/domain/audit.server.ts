import { and, desc, eq, gte, inArray, lt, or, type SQL } from "drizzle-orm";
import { auditLog, categories, challenges, comments, ideas, invitations, reports, users } from "#db/tables";
import { now as clockNow } from "~/lib/clock.server";
import { db, type Db, type Tx } from "~/lib/db.server";
import type { Phrase, PhraseValue } from "~/lib/phrase";
import { isAuditAction, type AuditAction } from "~/domain/audit-actions";

export const AUDIT_PAGE_SIZE = 50;
/** How many entries an export reads at a time: its memory is one batch, whatever the log's size. */
const EXPORT_BATCH_SIZE = 1000;

export type AuditTargetType = "idea" | "comment" | "person" | "invitation" | "report" | "challenge" | "site" | "apiKey" | "webhook";

/** Writes an audit entry inside the caller's transaction, so it exists exactly when the change does. */
export async function audit(
  tx: Tx,
  entry: { actorId: string; action: AuditAction; targetType: AuditTargetType; targetId: string | number; details?: Record<string, unknown>; now?: Date },
) {
  await tx.insert(auditLog).values({
    actorId: entry.actorId,
    action: entry.action,
    targetType: entry.targetType,
    targetId: String(entry.targetId),
    details: JSON.stringify(entry.details ?? {}),
    createdAt: entry.now ?? clockNow(),
  });
}


// ---------------------------------------------------------------------------------------------
// Sentences: each action says what happened in words ("Marta Ruiz changed the status of #12
// “Faster check-out” from Open to Planned"), naming people, ideas, categories and challenges
// rather than showing their ids. The names a page of entries needs are read in one query per
// kind of thing (not one per entry).

type Details = Record<string, unknown>;
type Entry = { action: string; targetType: string; targetId: string; details: Details };
type Reference = { kind: "person" | "idea" | "comment" | "category" | "challenge" | "invitation" | "report"; id: string | number };

/** What the sentences of one batch of entries may name, read once for the batch. */
type Names = {
  person: Map<string, string>;
  idea: Map<number, string>;
  /** A comment's idea. */
  comment: Map<number, number>;
  category: Map<number, string>;
  challenge: Map<number, string>;
  invitation: Map<number, string>;
  /** A report's idea. */
  report: Map<number, number>;
};

type Sentence = {
  /** What the sentence names besides the entry's own target, so that it is read with the batch. */
  references?: (details: Details) => Reference[];
  say: (entry: Entry, names: Names) => Phrase;
};

const text = (value: unknown) => (typeof value === "string" ? value : "");
const numberOf = (value: unknown) => (typeof value === "number" ? value : Number(value));

function ideaRef(names: Names, id: unknown): Phrase {
  const ideaId = numberOf(id);
  const title = names.idea.get(ideaId);
  return title === undefined ? { key: "audit.refs.ideaGone", values: { id: String(id) } } : { key: "audit.refs.idea", values: { id: ideaId, title } };
}
function personRef(names: Names, id: unknown): PhraseValue {
  return names.person.get(text(id)) ?? { key: "audit.refs.someone" };
}
function statusName(status: unknown): Phrase {
  return { key: `statuses.${text(status)}.label` };
}
function roleName(role: unknown): Phrase {
  return { key: `roles.${text(role)}` };
}
function challengeRef(names: Names, id: unknown): PhraseValue {
  return names.challenge.get(numberOf(id)) ?? { key: "audit.refs.challengeGone", values: { id: String(id) } };
}
/** A setting's value as the log says it: a language or sign-up mode by name, on or off, nothing, a number, or what was typed in quotes. */
function settingValue(setting: string, value: unknown): PhraseValue {
  if (setting === "defaultLocale" && typeof value === "string") return { key: `languages.${value}` };
  if (setting === "signupMode" && typeof value === "string") return { key: `admin.settings.signupModes.${value}` };
  if (typeof value === "boolean") return { key: value ? "audit.refs.on" : "audit.refs.off" };
  if (value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0)) return { key: "audit.refs.nothing" };
  if (typeof value === "number") return value;
  return { key: "audit.refs.quoted", values: { text: Array.isArray(value) ? value.map(text).join(" ") : text(value) } };
}
function settingChanges(details: Details): Phrase[] {
  return Object.entries(details)
    .filter((change): change is [string, { from: unknown; to: unknown }] => Boolean(change[1]) && typeof change[1] === "object" && "to" in (change[1] as object))
    .map(([setting, { from, to }]) => ({
      key: "audit.refs.settingChange",
      values: { setting: { key: `admin.settings.${setting}` }, from: settingValue(setting, from), to: settingValue(setting, to) },
    }));
}
const winnersOf = (details: Details) => (Array.isArray(details.winners) ? (details.winners as Array<{ ideaId?: unknown; rank?: unknown }>) : []);

const SENTENCES: Record<AuditAction, Sentence> = {
  "idea.status": {
    say: (entry, names) => ({
      key: "audit.sentences.ideaStatus",
      values: { idea: ideaRef(names, entry.targetId), from: statusName(entry.details.from), to: statusName(entry.details.to) },
    }),
  },
  "idea.merge": {
    references: (details) => [{ kind: "idea", id: numberOf(details.into) }],
    say: (entry, names) => ({ key: "audit.sentences.ideaMerge", values: { idea: ideaRef(names, entry.targetId), into: ideaRef(names, entry.details.into) } }),
  },
  "idea.unmerge": {
    references: (details) => [{ kind: "idea", id: numberOf(details.from) }],
    say: (entry, names) => ({ key: "audit.sentences.ideaUnmerge", values: { idea: ideaRef(names, entry.targetId), from: ideaRef(names, entry.details.from) } }),
  },
  "idea.assign": {
    references: (details) => (details.assigneeId ? [{ kind: "person", id: text(details.assigneeId) }] : []),
    say: (entry, names): Phrase => {
      const idea = ideaRef(names, entry.targetId);
      if (!entry.details.assigneeId) return { key: "audit.sentences.ideaUnassign", values: { idea } };
      return { key: "audit.sentences.ideaAssign", values: { idea, assignee: personRef(names, entry.details.assigneeId) } };
    },
  },
  "idea.category": {
    references: (details) => (details.categoryId ? [{ kind: "category", id: numberOf(details.categoryId) }] : []),
    say: (entry, names): Phrase => {
      const idea = ideaRef(names, entry.targetId);
      if (!entry.details.categoryId) return { key: "audit.sentences.ideaUncategorised", values: { idea } };
      const category = names.category.get(numberOf(entry.details.categoryId)) ?? { key: "audit.refs.categoryGone" };
      return { key: "audit.sentences.ideaCategory", values: { idea, category } };
    },
  },
  "idea.hide": {
    say: (entry, names) => ({ key: "audit.sentences.ideaHide", values: { idea: ideaRef(names, entry.targetId), reason: text(entry.details.reason) } }),
  },
  "comment.hide": {
    say: (entry, names) => ({
      key: "audit.sentences.commentHide",
      values: { idea: ideaRef(names, names.comment.get(numberOf(entry.targetId))), reason: text(entry.details.reason) },
    }),
  },
  "report.dismiss": {
    say: (entry, names) => ({ key: "audit.sentences.reportDismiss", values: { idea: ideaRef(names, names.report.get(numberOf(entry.targetId))) } }),
  },
  "person.role": {
    say: (entry, names) => ({
      key: "audit.sentences.personRole",
      values: { person: personRef(names, entry.targetId), from: roleName(entry.details.from), to: roleName(entry.details.to) },
    }),
  },
  "person.block": {
    say: (entry, names) => ({ key: "audit.sentences.personBlock", values: { person: personRef(names, entry.targetId), reason: text(entry.details.reason) } }),
  },
  "person.unblock": {
    say: (entry, names) => ({ key: "audit.sentences.personUnblock", values: { person: personRef(names, entry.targetId) } }),
  },
  "person.export": {
    say: (entry, names) => ({ key: "audit.sentences.personExport", values: { person: personRef(names, entry.targetId) } }),
  },
  // The account is gone (name and address erased), so the sentence names nobody.
  "person.delete": {
    say: () => ({ key: "audit.sentences.personDelete" }),
  },
  "sso.secret": {
    say: () => ({ key: "audit.sentences.ssoSecret" }),
  },
  "invitation.create": {
    say: (entry, names) => ({
      key: "audit.sentences.invitationCreate",
      values: { email: text(entry.details.email) || (names.invitation.get(numberOf(entry.targetId)) ?? "") },
    }),
  },
  "invitation.resend": {
    say: (entry, names) => ({
      key: "audit.sentences.invitationResend",
      values: { email: text(entry.details.email) || (names.invitation.get(numberOf(entry.targetId)) ?? "") },
    }),
  },
  "invitation.revoke": {
    say: (entry, names) => ({ key: "audit.sentences.invitationRevoke", values: { email: names.invitation.get(numberOf(entry.targetId)) ?? "" } }),
  },
  "challenge.create": {
    say: (entry, names) => ({ key: "audit.sentences.challengeCreate", values: { challenge: text(entry.details.title) || challengeRef(names, entry.targetId) } }),
  },
  "challenge.update": {
    say: (entry, names) => ({ key: "audit.sentences.challengeUpdate", values: { challenge: text(entry.details.title) || challengeRef(names, entry.targetId) } }),
  },
  "challenge.publish": {
    say: (entry, names) => ({ key: "audit.sentences.challengePublish", values: { challenge: challengeRef(names, entry.targetId) } }),
  },
  "challenge.unpublish": {
    say: (entry, names) => ({ key: "audit.sentences.challengeUnpublish", values: { challenge: challengeRef(names, entry.targetId) } }),
  },
  "challenge.results": {
    references: (details) => winnersOf(details).map((winner) => ({ kind: "idea", id: numberOf(winner.ideaId) })),
    say: (entry, names) => ({
      key: "audit.sentences.challengeResults",
      values: {
        challenge: challengeRef(names, entry.targetId),
        winners: winnersOf(entry.details).map((winner) =>
          typeof winner.rank === "number"
            ? { key: "audit.refs.rankedWinner", values: { idea: ideaRef(names, winner.ideaId), count: winner.rank, ordinal: true } }
            : ideaRef(names, winner.ideaId),
        ),
      },
    }),
  },
  "apiKey.create": {
    say: (entry) => ({ key: "audit.sentences.apiKeyCreate", values: { name: text(entry.details.name), scope: { key: `admin.apiKeys.scopes.${text(entry.details.scope)}` } } }),
  },
  "apiKey.revoke": {
    say: (entry) => ({ key: "audit.sentences.apiKeyRevoke", values: { name: text(entry.details.name) } }),
  },
  "vote.record": {
    references: (details) => [{ kind: "person", id: text(details.personId) }],
    say: (entry, names): Phrase => {
      const values = { idea: ideaRef(names, entry.targetId), person: personRef(names, entry.details.personId) };
      const note = text(entry.details.note);
      return note ? { key: "audit.sentences.voteRecordWithNote", values: { ...values, note } } : { key: "audit.sentences.voteRecord", values };
    },
  },
  "vote.remove": {
    references: (details) => [{ kind: "person", id: text(details.personId) }],
    say: (entry, names) => ({ key: "audit.sentences.voteRemove", values: { idea: ideaRef(names, entry.targetId), person: personRef(names, entry.details.personId) } }),
  },
  "webhook.create": {
    say: (entry) => ({ key: "audit.sentences.webhookCreate", values: { url: text(entry.details.url) } }),
  },
  "webhook.delete": {
    say: (entry) => ({ key: "audit.sentences.webhookDelete", values: { url: text(entry.details.url) } }),
  },
  "site.settings": {
    say: (entry) => ({ key: "audit.sentences.siteSettings", values: { changes: settingChanges(entry.details) } }),
  },
  "site.logo": {
    say: (entry): Phrase => {
      const logo = entry.details.logo as { to?: unknown } | undefined;
      return { key: logo?.to ? "audit.sentences.siteLogo" : "audit.sentences.siteLogoRemove" };
    },
  },
  "person.photo.remove": {
    say: (entry, names) => ({ key: "audit.sentences.personPhotoRemove", values: { person: personRef(names, entry.targetId) } }),
  },
};

/** An entry whose action this version does not know (written by a newer one): said plainly, never hidden. */
const UNKNOWN: Sentence = {
  say: (entry) => ({ key: "audit.sentences.unknown", values: { action: entry.action, target: `${entry.targetType} ${entry.targetId}` } }),
};

function sentenceOf(action: string) {
  return isAuditAction(action) ? SENTENCES[action] : UNKNOWN;
}

const TARGET_REFERENCES: Partial<Record<string, Reference["kind"]>> = {
  idea: "idea",
  comment: "comment",
  person: "person",
  invitation: "invitation",
  report: "report",
  challenge: "challenge",
};

async function readNames(reader: Db, entries: Entry[]): Promise<Names> {
  const wanted = { person: new Set<string>(), idea: new Set<number>(), comment: new Set<number>(), category: new Set<number>(), challenge: new Set<number>(), invitation: new Set<number>(), report: new Set<number>() };
  const want = (reference: Reference) => {
    if (reference.kind === "person") wanted.person.add(String(reference.id));
    else if (Number.isSafeInteger(Number(reference.id))) wanted[reference.kind].add(Number(reference.id));
  };
  for (const entry of entries) {
    const targetKind = TARGET_REFERENCES[entry.targetType];
    if (targetKind) want({ kind: targetKind, id: entry.targetId });
    for (const reference of sentenceOf(entry.action).references?.(entry.details) ?? []) want(reference);
  }

  // A comment's and a report's sentence name their idea: read those first, then all ideas at once.
  const [commentRows, reportRows] = await Promise.all([
    wanted.comment.size ? reader.select({ id: comments.id, ideaId: comments.ideaId }).from(comments).where(inArray(comments.id, [...wanted.comment])) : [],
    wanted.report.size ? reader.select({ id: reports.id, ideaId: reports.ideaId }).from(reports).where(inArray(reports.id, [...wanted.report])) : [],
  ]);
  for (const row of [...commentRows, ...reportRows]) wanted.idea.add(row.ideaId);

  const [people, ideaRows, categoryRows, challengeRows, invitationRows] = await Promise.all([
    wanted.person.size ? reader.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, [...wanted.person])) : [],
    wanted.idea.size ? reader.select({ id: ideas.id, name: ideas.title }).from(ideas).where(inArray(ideas.id, [...wanted.idea])) : [],
    wanted.category.size ? reader.select({ id: categories.id, name: categories.name }).from(categories).where(inArray(categories.id, [...wanted.category])) : [],
    wanted.challenge.size ? reader.select({ id: challenges.id, name: challenges.title }).from(challenges).where(inArray(challenges.id, [...wanted.challenge])) : [],
    wanted.invitation.size ? reader.select({ id: invitations.id, name: invitations.email }).from(invitations).where(inArray(invitations.id, [...wanted.invitation])) : [],
  ]);
  return {
    person: new Map(people.map((row) => [row.id, row.name])),
    idea: new Map(ideaRows.map((row) => [row.id, row.name])),
    comment: new Map(commentRows.map((row) => [row.id, row.ideaId])),
    category: new Map(categoryRows.map((row) => [row.id, row.name])),
    challenge: new Map(challengeRows.map((row) => [row.id, row.name])),
    invitation: new Map(invitationRows.map((row) => [row.id, row.name])),
    report: new Map(reportRows.map((row) => [row.id, row.ideaId])),
  };
}

function parseDetails(details: string): Details {
  try {
    const parsed: unknown = JSON.parse(details);
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Details) : {};
  } catch {
    return {};
  }
}

// ---------------------------------------------------------------------------------------------
// Reading the log: newest first, filtered by who, what and when.

export type AuditFilters = {
  actorId?: string;
  action?: AuditAction;
  /** From this moment on (inclusive). */
  from?: Date;
  /** Before this moment (exclusive). */
  until?: Date;
};

type Cursor = { id: number; createdAt: Date };

function conditions(filters: AuditFilters, after: Cursor | null) {
  const where: Array<SQL | undefined> = [
    filters.actorId ? eq(auditLog.actorId, filters.actorId) : undefined,
    filters.action ? eq(auditLog.action, filters.action) : undefined,
    filters.from ? gte(auditLog.createdAt, filters.from) : undefined,
    filters.until ? lt(auditLog.createdAt, filters.until) : undefined,
    after ? or(lt(auditLog.createdAt, after.createdAt), and(eq(auditLog.createdAt, after.createdAt), lt(auditLog.id, after.id))) : undefined,
  ];
  return and(...where);
}

/** The sentence of each entry of a batch, with its actor's name. */
async function describe(reader: Db, rows: Array<{ id: number; action: string; targetType: string; targetId: string; details: string; createdAt: Date; actorId: string | null; actorName: string | null }>) {
  const entries = rows.map((row) => ({ ...row, details: parseDetails(row.details) }));
  const names = await readNames(reader, entries);
  return entries.map((entry) => {
    const sentence = sentenceOf(entry.action).say(entry, names);
    const actor: PhraseValue = entry.actorName ?? { key: "audit.refs.actorGone" };
    return {
      id: entry.id,
      createdAt: entry.createdAt,
      action: entry.action,
      actorId: entry.actorId,
      actorName: entry.actorName,
      targetType: entry.targetType,
      targetId: entry.targetId,
      details: entry.details,
      sentence: { ...sentence, values: { ...sentence.values, actor } } satisfies Phrase,
    };
  });
}
export type AuditEntry = Awaited<ReturnType<typeof describe>>[number];

async function readBatch(filters: AuditFilters, after: Cursor | null, size: number) {
  return db
    .select({
      id: auditLog.id,
      action: auditLog.action,
      targetType: auditLog.targetType,
      targetId: auditLog.targetId,
      details: auditLog.details,
      createdAt: auditLog.createdAt,
      actorId: auditLog.actorId,
      actorName: users.displayName,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(conditions(filters, after))
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(size);
}

/**
 * A page of the log, newest first, in sentences. `before` is the last id of the previous page
 * (an id that is not in the log starts from the top).
 */
export async function listAudit(filters: AuditFilters = {}, before?: number) {
  const [cursor] = before ? await db.select({ id: auditLog.id, createdAt: auditLog.createdAt }).from(auditLog).where(eq(auditLog.id, before)).limit(1) : [];
  const rows = await readBatch(filters, cursor ?? null, AUDIT_PAGE_SIZE + 1);
  const entries = await describe(db, rows.slice(0, AUDIT_PAGE_SIZE));
  return { entries, nextBefore: rows.length > AUDIT_PAGE_SIZE ? entries[entries.length - 1]!.id : null };
}

/** Every entry the filters select, newest first, a batch at a time (for the CSV export). */
export async function* allAuditEntries(filters: AuditFilters = {}): AsyncGenerator<AuditEntry[]> {
  let after: Cursor | null = null;
  for (;;) {
    const rows = await readBatch(filters, after, EXPORT_BATCH_SIZE);
    if (rows.length === 0) return;
    yield await describe(db, rows);
    if (rows.length < EXPORT_BATCH_SIZE) return;
    const last = rows[rows.length - 1]!;
    after = { id: last.id, createdAt: last.createdAt };
  }
}

/** The people who appear in the log as actors, by name: the choices of the "who" filter. */
export async function listAuditActors() {
  return db
    .selectDistinct({ id: users.id, displayName: users.displayName })
    .from(auditLog)
    .innerJoin(users, eq(users.id, auditLog.actorId))
    .orderBy(users.displayName, users.id);
}
