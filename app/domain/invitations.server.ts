import { and, desc, eq, gt, isNull } from "drizzle-orm";
import { invitations, users } from "#db/schema";
import { generateToken, hashToken } from "~/lib/crypto.server";
import { db, type Tx } from "~/lib/db.server";
import { audit } from "~/domain/audit.server";
import { insertPerson, normalizeEmail, preparePerson } from "~/domain/people.server";

export const INVITATION_LIFETIME_DAYS = 7;

/** Creates an invitation and returns the token for its link; only the hash is stored. */
export function inviteStaff(input: { email: string; invitedById: string; now?: Date }) {
  const token = generateToken();
  const now = input.now ?? new Date();
  const invitation = db.transaction((tx) => {
    const created = tx
      .insert(invitations)
      .values({
        tokenHash: hashToken(token),
        email: normalizeEmail(input.email),
        role: "staff",
        invitedById: input.invitedById,
        expiresAt: new Date(now.getTime() + INVITATION_LIFETIME_DAYS * 24 * 60 * 60 * 1000),
      })
      .returning()
      .get();
    audit(tx, { actorId: input.invitedById, action: "invitation.create", targetType: "invitation", targetId: created.id, details: { email: created.email }, now });
    return created;
  });
  return { invitation, token };
}

export function listPendingInvitations(now = new Date()) {
  return db
    .select({
      id: invitations.id,
      email: invitations.email,
      expiresAt: invitations.expiresAt,
      createdAt: invitations.createdAt,
      invitedBy: users.displayName,
    })
    .from(invitations)
    .innerJoin(users, eq(users.id, invitations.invitedById))
    .where(and(isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now)))
    .orderBy(desc(invitations.createdAt))
    .all();
}

export function revokeInvitation(id: number, actorId: string) {
  db.transaction((tx) => {
    const changed = tx.update(invitations).set({ revokedAt: new Date() }).where(and(eq(invitations.id, id), isNull(invitations.acceptedAt))).run().changes;
    if (changed) audit(tx, { actorId, action: "invitation.revoke", targetType: "invitation", targetId: id });
  });
}

/** The invitation behind a link, if it can still be used. */
export function findUsableInvitation(token: string, now = new Date()) {
  const invitation = db.select().from(invitations).where(eq(invitations.tokenHash, hashToken(token))).get();
  if (!invitation || invitation.acceptedAt || invitation.revokedAt || invitation.expiresAt <= now) return null;
  return invitation;
}

export class InvitationUnusableError extends Error {}

function claim(tx: Tx, invitationId: number, personId: string) {
  // Single use: the update only matches while the invitation is still open.
  const claimed = tx
    .update(invitations)
    .set({ acceptedAt: new Date(), acceptedById: personId })
    .where(and(eq(invitations.id, invitationId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
    .returning()
    .get();
  if (!claimed) throw new InvitationUnusableError();
  return claimed;
}

/** A newcomer accepts: their account is created with the invitation's email and role. */
export async function acceptInvitationAsNewcomer(token: string, input: { displayName: string; password: string; jobTitle?: string }) {
  const invitation = findUsableInvitation(token);
  if (!invitation) throw new InvitationUnusableError();
  const values = await preparePerson({ ...input, email: invitation.email, role: invitation.role });
  return db.transaction((tx) => {
    const person = insertPerson(tx, values);
    claim(tx, invitation.id, person.id);
    return person;
  });
}

/** Someone who already has an account accepts: their role is raised (never lowered). */
export function acceptInvitationAsMember(token: string, personId: string) {
  const invitation = findUsableInvitation(token);
  if (!invitation) throw new InvitationUnusableError();
  return db.transaction((tx) => {
    claim(tx, invitation.id, personId);
    const person = tx.select().from(users).where(eq(users.id, personId)).get()!;
    if (person.role === "customer" || (person.role === "staff" && invitation.role === "admin")) {
      return tx.update(users).set({ role: invitation.role }).where(eq(users.id, personId)).returning().get();
    }
    return person;
  });
}
