import { and, desc, eq, gt, isNull } from "drizzle-orm";
import { invitations, site, users, type Invitation } from "#db/tables";
import { invitationEmail } from "~/domain/account-emails.server";
import { audit } from "~/domain/audit.server";
import { insertPerson, normalizeEmail, preparePerson } from "~/domain/people.server";
import { isStaff } from "~/domain/roles";
import { now as clockNow } from "~/lib/clock.server";
import { generateToken, hashToken } from "~/lib/crypto.server";
import { db, transaction, type Tx } from "~/lib/db.server";
import { enqueueEmail } from "~/lib/mail/outbox.server";
import { ok, refused } from "~/lib/result";

export const INVITATION_LIFETIME_DAYS = 7;
const INVITATION_LIFETIME_MS = INVITATION_LIFETIME_DAYS * 24 * 60 * 60 * 1000;

/**
 * Emails the invitation's link, inside the caller's transaction, in the site's default language:
 * the invitee may have no account, so no language of their own.
 */
async function emailInvitation(tx: Tx, invitation: Pick<Invitation, "email">, input: { token: string; inviterId: string }) {
  const [portal] = await tx.select({ name: site.name, defaultLocale: site.defaultLocale }).from(site).limit(1);
  const [inviter] = await tx.select({ displayName: users.displayName }).from(users).where(eq(users.id, input.inviterId)).limit(1);
  const [member] = await tx.select({ id: users.id }).from(users).where(eq(users.email, invitation.email)).limit(1);
  await enqueueEmail(
    tx,
    invitationEmail(
      { id: member?.id ?? null, email: invitation.email, locale: portal!.defaultLocale },
      { site: portal!.name, inviter: inviter?.displayName ?? portal!.name, token: input.token, days: INVITATION_LIFETIME_DAYS },
    ),
  );
}

/**
 * Invites someone to the team, emails them the link, and returns its token (the admin sees the
 * link too, for other channels); only the hash is stored. Someone already on the team needs no
 * invitation.
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
        expiresAt: new Date(now.getTime() + INVITATION_LIFETIME_MS),
        createdAt: now,
      })
      .returning();
    await emailInvitation(tx, created!, { token, inviterId: input.invitedById });
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
    .orderBy(desc(invitations.createdAt), desc(invitations.id));
}

/**
 * Sends a pending invitation again with a new link, valid for another full period: the old link
 * stops working (only the newest email counts), and the admin sees the new one.
 */
export async function resendInvitation(id: number, actorId: string, now = clockNow()) {
  const token = generateToken();
  return transaction(async (tx) => {
    const [renewed] = await tx
      .update(invitations)
      .set({ tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + INVITATION_LIFETIME_MS) })
      .where(and(eq(invitations.id, id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
      .returning();
    if (!renewed) return refused("notFound");
    await emailInvitation(tx, renewed, { token, inviterId: actorId });
    await audit(tx, { actorId, action: "invitation.resend", targetType: "invitation", targetId: id, details: { email: renewed.email }, now });
    return ok({ invitation: renewed, token });
  });
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
  // The link came to this address: following it confirms it.
  const values = await preparePerson({ ...input, email: invitation.email, role: invitation.role, emailVerified: true });
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
    const raise = member!.role === "customer" || (member!.role === "staff" && invitation.role === "admin");
    // The link came to this address: following it confirms it.
    const [accepted] = await tx
      .update(users)
      .set({ role: raise ? invitation.role : member!.role, emailVerifiedAt: member!.emailVerifiedAt ?? clockNow() })
      .where(eq(users.id, person.id))
      .returning();
    return ok(accepted!);
  });
}
