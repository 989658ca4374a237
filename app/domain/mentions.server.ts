import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { comments, ideas, users, type CommentKind, type Role } from "#db/tables";
import { canActOnIdea, canSeeIdea } from "~/domain/idea-visibility";
import { notify } from "~/domain/notifications.server";
import { isStaff } from "~/domain/roles";
import { db, type Db, type Tx } from "~/lib/db.server";
import { ok, refused } from "~/lib/result";
import { mentionedIds, mentionedIdsInHtml, richBodyFrom, RICH_TEXT_MAX } from "~/lib/rich-body.server";
import type { SafeHtml } from "~/lib/safe-html";

// Mentions of people in comments: whom the editor suggests, which mentions a body keeps, whom a
// mention tells, and the names mentions show. Decision 0023.

/** How many people the editor offers at a time. */
export const SUGGESTIONS_SHOWN = 8;
const QUERY_MAX = 50;

/** A person the comment editor may offer: what anyone taking part may see of them (their face, no email). */
export type MentionSuggestion = { id: string; displayName: string; photoId: string | null; team: boolean; jobTitle: string | null };

type Viewer = { id: string; role: Role };

/** "Lucía" and "lucia" are the same to someone typing. */
function fold(text: string) {
  return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
}

/** Does the name have a word that starts with what was typed (or start with it, spaces and all)? */
function matches(name: string, query: string) {
  const folded = fold(name);
  return folded.startsWith(query) || folded.split(/[\s-]+/).some((word) => word.startsWith(query));
}

/**
 * Who the person writing on an idea may mention, as the editor offers them: the team first (whom
 * everyone may see on /team), then the people taking part in the idea's public discussion (its
 * author, those whose comments are there for everyone), each matching what was typed after "@".
 * Only someone who may comment on the idea may ask: refused as not found otherwise.
 */
export async function suggestMentions(input: { ideaId: number; viewer: Viewer; query: string }) {
  const [idea] = await db.select({ id: ideas.id, hiddenAt: ideas.hiddenAt }).from(ideas).where(eq(ideas.id, input.ideaId)).limit(1);
  if (!idea || !canActOnIdea(input.viewer, { hidden: idea.hiddenAt !== null })) return refused("notFound");
  const query = fold(input.query.trim().slice(0, QUERY_MAX));
  const shown = { id: users.id, displayName: users.displayName, photoId: users.photoId, role: users.role, jobTitle: users.jobTitle };
  const [team, participants] = await Promise.all([
    db
      .select(shown)
      .from(users)
      .where(and(inArray(users.role, ["staff", "admin"]), isNull(users.deletedAt)))
      .orderBy(asc(users.displayName), asc(users.id)),
    threadParticipants(db, input.ideaId),
  ]);
  const suggestions: MentionSuggestion[] = [];
  const seen = new Set([input.viewer.id]);
  for (const person of [...team, ...participants.sort((a, b) => a.displayName.localeCompare(b.displayName))]) {
    if (seen.has(person.id) || (query && !matches(person.displayName, query))) continue;
    seen.add(person.id);
    const staff = isStaff(person);
    suggestions.push({ id: person.id, displayName: person.displayName, photoId: person.photoId, team: staff, jobTitle: staff ? person.jobTitle : null });
    if (suggestions.length === SUGGESTIONS_SHOWN) break;
  }
  return ok(suggestions);
}

/** The idea's author and the authors of its public comments still shown, present accounts only. */
async function threadParticipants(q: Db, ideaId: number, among?: string[]) {
  const shown = { id: users.id, displayName: users.displayName, photoId: users.photoId, role: users.role, jobTitle: users.jobTitle };
  const amongThem = among ? inArray(users.id, among) : undefined;
  const [commenters, author] = await Promise.all([
    q
      .selectDistinct(shown)
      .from(comments)
      .innerJoin(users, eq(users.id, comments.authorId))
      .where(and(eq(comments.ideaId, ideaId), eq(comments.kind, "public"), isNull(comments.deletedAt), isNull(comments.hiddenAt), isNull(users.deletedAt), amongThem)),
    q
      .select(shown)
      .from(ideas)
      .innerJoin(users, eq(users.id, ideas.authorId))
      .where(and(eq(ideas.id, ideaId), isNull(users.deletedAt), amongThem))
      .limit(1),
  ]);
  const byId = new Map([...author, ...commenters].map((person) => [person.id, person]));
  return Array.from(byId, ([, person]) => person);
}

/**
 * A comment's body as sent (the editor's JSON or plain text), with the mentions of people who
 * exist kept as mentions showing their name as it is now; any other mention stays as its words.
 */
export async function commentBodyFrom(input: unknown) {
  const ids = typeof input === "string" ? mentionedIds(input) : [];
  const people = ids.length
    ? await db
        .select({ id: users.id, displayName: users.displayName })
        .from(users)
        .where(and(inArray(users.id, ids), isNull(users.deletedAt)))
    : [];
  return richBodyFrom(input, RICH_TEXT_MAX, new Map(people.map((person) => [person.id, person.displayName])));
}

/**
 * Tells the people a comment mentions, inside the comment's transaction: those newly mentioned
 * (an edit tells only those it adds) whom the author could have been offered (the team, the
 * people taking part) and who may read the comment: an internal note tells only staff; a hidden
 * idea, only those who still see it. Returns whom it told, so that they are not told twice.
 */
export async function notifyMentioned(
  tx: Tx,
  input: { ideaId: number; commentId: number; kind: CommentKind; authorId: string; bodyJson: string; mentionedBefore?: string; now: Date; excerpt: string },
) {
  const before = new Set(input.mentionedBefore ? mentionedIds(input.mentionedBefore) : []);
  const mentioned = mentionedIds(input.bodyJson).filter((id) => id !== input.authorId && !before.has(id));
  if (mentioned.length === 0) return [];
  const [idea] = await tx.select({ authorId: ideas.authorId, hiddenAt: ideas.hiddenAt }).from(ideas).where(eq(ideas.id, input.ideaId)).limit(1);
  if (!idea) return [];
  const people = await tx
    .select({ id: users.id, role: users.role })
    .from(users)
    .where(and(inArray(users.id, mentioned), isNull(users.deletedAt)));
  const customers = people.filter((person) => !isStaff(person)).map((person) => person.id);
  const taking = new Set(customers.length ? (await threadParticipants(tx, input.ideaId, customers)).map((person) => person.id) : []);
  const mayRead = (person: Viewer) =>
    input.kind === "internal" ? isStaff(person) : canSeeIdea(person, { authorId: idea.authorId, hidden: idea.hiddenAt !== null });
  const told = people.filter((person) => (isStaff(person) || taking.has(person.id)) && mayRead(person)).map((person) => person.id);
  await notify(tx, { kind: "mention", actorId: input.authorId, ideaId: input.ideaId, commentId: input.commentId, excerpt: input.excerpt, recipientIds: told, now: input.now });
  return told;
}

/**
 * The names mentions in these bodies show: each person's name as it is now, and whether they are
 * still here (a deleted account keeps its former name, without a link). One query for a page.
 */
export async function mentionNames(htmls: Array<SafeHtml | null>) {
  const ids = [...new Set(htmls.flatMap((html) => (html ? mentionedIdsInHtml(html) : [])))];
  if (ids.length === 0) return new Map<string, { name: string; present: boolean }>();
  const rows = await db.select({ id: users.id, displayName: users.displayName, deletedAt: users.deletedAt }).from(users).where(inArray(users.id, ids));
  return new Map(rows.map((row) => [row.id, { name: row.displayName, present: row.deletedAt === null }]));
}
