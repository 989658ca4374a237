import { and, desc, eq, gt, isNull } from "drizzle-orm";
import { invitations, users } from "#db/schema";
import { audit } from "~/domain/audit.server";
import { insertPerson, normalizeEmail, preparePerson } from "~/domain/people.server";
import { isStaff } from "~/domain/roles";
import { now as clockNow } from "~/lib/clock.server";
import { generateToken, hashToken } from "~/lib/crypto.server";
import { db, transaction, type Tx } from "~/lib/db.server";
import { ok, refused } from "~/lib/result";

export const INVITATION_LIFETIME_DAYS = 7;

/**
 * Invites someone to the team and returns the token for its link; only the hash is stored.
 * Someone already on the team needs no invitation.
 */
export async function inviteStaff(input: { email: string; invitedById: string; now?: Date }) {
  const token = generateToken();
  const now = input.now ?? clockNow();
  const email = normalizeEmail(input.email);
  return transaction(async (tx) => {
    const [existing] = await tx.select({ role: users.role }).from(users).where(eq(users.email, email)).limit(1);
    if (isStaff(existing)) return refused("alreadyStaff");
    const [created] = await tx
      .insert(invitations)
      .values({
        tokenHash: hashToken(token),
        email,
        role: "staff",
        invitedById: input.invitedById,
        expiresAt: new Date(now.getTime() + INVITATION_LIFETIME_DAYS * 24 * 60 * 60 * 1000),
        createdAt: now,
      })
      .returning();
    await audit(tx, { actorId: input.invitedById, action: "invitation.create", targetType: "invitation", targetId: created!.id, details: { email: created!.email }, now });
    return ok({ invitation: created!, token });
  });
}

export async function listPendingInvitations(now = clockNow()) {
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
    .orderBy(desc(invitations.createdAt));
}

export async function revokeInvitation(id: number, actorId: string) {
  await transaction(async (tx) => {
    const revoked = await tx
      .update(invitations)
      .set({ revokedAt: clockNow() })
      .where(and(eq(invitations.id, id), isNull(invitations.acceptedAt)))
      .returning({ id: invitations.id });
    if (revoked.length > 0) await audit(tx, { actorId, action: "invitation.revoke", targetType: "invitation", targetId: id });
  });
}

/** The invitation behind a link, if it can still be used. */
export async function findUsableInvitation(token: string, now = clockNow()) {
  const [invitation] = await db.select().from(invitations).where(eq(invitations.tokenHash, hashToken(token))).limit(1);
  if (!invitation || invitation.acceptedAt || invitation.revokedAt || invitation.expiresAt <= now) return null;
  return invitation;
}

/** Single use: the update only matches while the invitation is still open. */
async function claim(tx: Tx, invitationId: number, personId: string) {
  const [claimed] = await tx
    .update(invitations)
    .set({ acceptedAt: clockNow(), acceptedById: personId })
    .where(and(eq(invitations.id, invitationId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
    .returning();
  return claimed ? ok(claimed) : refused("unusable");
}

/** A newcomer accepts: their account is created with the invitation's email and role. */
export async function acceptInvitationAsNewcomer(token: string, input: { displayName: string; password: string; jobTitle?: string }) {
  const invitation = await findUsableInvitation(token);
  if (!invitation) return refused("unusable");
  // Hashing is slow: done before the transaction, so the writer is not held while it runs.
  const values = await preparePerson({ ...input, email: invitation.email, role: invitation.role });
  return transaction(async (tx) => {
    const person = await insertPerson(tx, values);
    if (!person.ok) return person;
    const claimed = await claim(tx, invitation.id, person.value.id);
    return claimed.ok ? person : claimed;
  });
}

/**
 * Someone who already has an account accepts: their role is raised (never lowered). The link
 * is for one email address: a forwarded link does not promote someone else.
 */
export async function acceptInvitationAsMember(token: string, person: { id: string; email: string }) {
  const invitation = await findUsableInvitation(token);
  if (!invitation || invitation.email !== person.email) return refused("unusable");
  return transaction(async (tx) => {
    const claimed = await claim(tx, invitation.id, person.id);
    if (!claimed.ok) return claimed;
    const [member] = await tx.select().from(users).where(eq(users.id, person.id)).limit(1);
    if (member!.role === "customer" || (member!.role === "staff" && invitation.role === "admin")) {
      const [raised] = await tx.update(users).set({ role: invitation.role }).where(eq(users.id, person.id)).returning();
      return ok(raised!);
    }
    return ok(member!);
  });
}
