import { and, asc, count, eq, like, ne, or } from "drizzle-orm";
import {
  accountTokens,
  auditLog,
  comments,
  emailOutbox,
  emailPreferences,
  emailSchedules,
  follows,
  identities,
  ideas,
  invitations,
  notifications,
  rateLimits,
  sessions,
  users,
  votes,
} from "#db/tables";
import { renamedInEmail } from "~/domain/account-emails.server";
import { audit } from "~/domain/audit.server";
import { normalizeEmail } from "~/domain/people.server";
import { now as clockNow } from "~/lib/clock.server";
import { db, transaction } from "~/lib/db.server";
import { ok, refused } from "~/lib/result";

/**
 * Everything Tertulia keeps about a person, as they would want it handed over: their profile
 * and what they wrote, voted on, followed and were told. Nothing of anyone else's: the ideas
 * they voted on or followed are named by id and title only, and their notifications say what
 * happened, not who else was there.
 */
export async function exportPersonData(personId: string) {
  const [person] = await db.select().from(users).where(eq(users.id, personId)).limit(1);
  if (!person || person.deletedAt) return refused("notFound");
  const [ownIdeas, ownComments, ownVotes, ownFollows, received, preferences, schedules] = await Promise.all([
    db
      .select({ id: ideas.id, title: ideas.title, body: ideas.bodyText, status: ideas.status, voteCount: ideas.voteCount, createdAt: ideas.createdAt, editedAt: ideas.editedAt })
      .from(ideas)
      .where(eq(ideas.authorId, personId))
      .orderBy(asc(ideas.id)),
    db
      .select({ id: comments.id, ideaId: comments.ideaId, kind: comments.kind, body: comments.bodyText, createdAt: comments.createdAt, editedAt: comments.editedAt, deletedAt: comments.deletedAt })
      .from(comments)
      .where(eq(comments.authorId, personId))
      .orderBy(asc(comments.id)),
    db
      .select({ ideaId: votes.ideaId, idea: ideas.title, createdAt: votes.createdAt })
      .from(votes)
      .innerJoin(ideas, eq(ideas.id, votes.ideaId))
      .where(eq(votes.userId, personId))
      .orderBy(asc(votes.createdAt)),
    db
      .select({ ideaId: follows.ideaId, idea: ideas.title, createdAt: follows.createdAt })
      .from(follows)
      .innerJoin(ideas, eq(ideas.id, follows.ideaId))
      .where(eq(follows.userId, personId))
      .orderBy(asc(follows.createdAt)),
    db
      .select({ kind: notifications.kind, ideaId: notifications.ideaId, challengeId: notifications.challengeId, status: notifications.status, readAt: notifications.readAt, createdAt: notifications.createdAt })
      .from(notifications)
      .where(eq(notifications.recipientId, personId))
      .orderBy(asc(notifications.id)),
    db.select({ kind: emailPreferences.kind, enabled: emailPreferences.enabled }).from(emailPreferences).where(eq(emailPreferences.userId, personId)),
    db.select({ own: emailSchedules.own, followed: emailSchedules.followed }).from(emailSchedules).where(eq(emailSchedules.userId, personId)),
  ]);
  return ok({
    exportedAt: clockNow().toISOString(),
    profile: {
      id: person.id,
      email: person.email,
      emailConfirmedAt: person.emailVerifiedAt,
      displayName: person.displayName,
      role: person.role,
      jobTitle: person.jobTitle,
      bio: person.bio,
      company: person.company,
      language: person.locale,
      createdAt: person.createdAt,
    },
    emailPreferences: preferences,
    // How often they chose to be emailed (null: never chosen, the defaults).
    emailSchedule: schedules[0] ?? null,
    ideas: ownIdeas,
    comments: ownComments,
    votes: ownVotes,
    follows: ownFollows,
    notifications: received,
  });
}

/** The one admin may not leave the site without an admin. */
async function isLastAdmin(personId: string) {
  const [others] = await db
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.role, "admin"), ne(users.id, personId)));
  return (others?.n ?? 0) === 0;
}

/**
 * Deletes an account, by its owner or by an admin on the owner's request (`actorId`). What
 * they said stays where it was said: their ideas and comments keep their place, shown under
 * `formerName` ("Former member"); their votes stay counted. Everything that names or reaches
 * them goes: name, email, password, profile, sessions, links in flight, follows,
 * notifications, preferences, queued and sent emails, their address in the audit log and in
 * the rate limiter. The row itself stays, emptied, so every count stays exact.
 */
export async function deleteAccount(input: { personId: string; actorId: string; formerName: string }) {
  const [person] = await db.select().from(users).where(eq(users.id, input.personId)).limit(1);
  if (!person || person.deletedAt) return refused("notFound");
  if (person.role === "admin" && (await isLastAdmin(person.id))) return refused("lastAdmin");
  const email = normalizeEmail(person.email);
  return transaction(async (tx) => {
    await tx
      .update(users)
      .set({
        email: `deleted-${person.id}@deleted.invalid`,
        emailVerifiedAt: null,
        displayName: input.formerName,
        passwordHash: "",
        role: "customer",
        jobTitle: null,
        bio: null,
        company: null,
        locale: null,
        blockedAt: null,
        blockedReason: null,
        deletedAt: clockNow(),
      })
      .where(eq(users.id, person.id));
    await tx.delete(sessions).where(eq(sessions.userId, person.id));
    // Their company sign-in no longer leads to the emptied row.
    await tx.delete(identities).where(eq(identities.userId, person.id));
    await tx.delete(accountTokens).where(eq(accountTokens.userId, person.id));
    await tx.delete(follows).where(eq(follows.userId, person.id));
    await tx.delete(notifications).where(eq(notifications.recipientId, person.id));
    await tx.delete(emailPreferences).where(eq(emailPreferences.userId, person.id));
    await tx.delete(emailSchedules).where(eq(emailSchedules.userId, person.id));
    await tx.delete(emailOutbox).where(or(eq(emailOutbox.recipientId, person.id), eq(emailOutbox.toAddress, email)));
    await tx.delete(invitations).where(eq(invitations.email, email));
    await tx.delete(rateLimits).where(like(rateLimits.key, `%${email}%`));
    // Audit entries stay (who did what), without the address they may quote.
    const quoting = await tx.select({ id: auditLog.id, details: auditLog.details }).from(auditLog).where(like(auditLog.details, `%${email}%`));
    for (const entry of quoting) {
      await tx.update(auditLog).set({ details: entry.details.split(email).join("") }).where(eq(auditLog.id, entry.id));
    }
    // Emails to others about what they did ("Dana replied to you") keep going, under the former name.
    const naming = await tx
      .select({ id: emailOutbox.id, subject: emailOutbox.subject, text: emailOutbox.text, html: emailOutbox.html })
      .from(emailOutbox)
      .where(or(like(emailOutbox.subject, `%${person.displayName}%`), like(emailOutbox.text, `%${person.displayName}%`)));
    for (const message of naming) {
      await tx.update(emailOutbox).set(renamedInEmail(message, person.displayName, input.formerName)).where(eq(emailOutbox.id, message.id));
    }
    await audit(tx, { actorId: input.actorId, action: "person.delete", targetType: "person", targetId: person.id });
    return ok();
  });
}

/** An admin's export of someone's data, made on that person's request: recorded in the audit log. */
export async function exportPersonDataOnRequest(personId: string, adminId: string) {
  const exported = await exportPersonData(personId);
  if (!exported.ok) return exported;
  await transaction((tx) => audit(tx, { actorId: adminId, action: "person.export", targetType: "person", targetId: personId }));
  return exported;
}
