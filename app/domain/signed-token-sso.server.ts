import { randomBytes } from "node:crypto";
import { eq, lte } from "drizzle-orm";
import { errors, jwtVerify } from "jose";
import { ssoSecrets, ssoTokenUses, users } from "#db/tables";
import { audit } from "~/domain/audit.server";
import { insertPerson, normalizeEmail } from "~/domain/people.server";
import { isStaff } from "~/domain/roles";
import { appUrl } from "~/lib/app-url.server";
import { now as clockNow } from "~/lib/clock.server";
import { generateId } from "~/lib/crypto.server";
import { db, transaction } from "~/lib/db.server";
import { ok, refused } from "~/lib/result";

/** How far the company's clock may be from ours, and how old a token may be when it arrives. */
export const SSO_CLOCK_SKEW_SECONDS = 60;
export const SSO_MAX_TOKEN_AGE_SECONDS = 10 * 60;

/** Who a token must be made for: this portal's origin (`aud`). */
export function ssoAudience() {
  return new URL(appUrl()).origin;
}

export async function getSsoSecret() {
  const [row] = await db.select({ secret: ssoSecrets.secret, createdAt: ssoSecrets.createdAt }).from(ssoSecrets).limit(1);
  return row ?? null;
}

/** Makes a new secret (the old one stops working at once): 256 random bits. */
export async function rotateSsoSecret(adminId: string) {
  const secret = randomBytes(32).toString("base64url");
  return transaction(async (tx) => {
    const now = clockNow();
    await tx.insert(ssoSecrets).values({ id: 1, secret, createdAt: now }).onConflictDoUpdate({ target: ssoSecrets.id, set: { secret, createdAt: now } });
    await audit(tx, { actorId: adminId, action: "sso.secret", targetType: "site", targetId: 1, now });
    return ok({ secret });
  });
}

const text = (value: unknown, max: number) => (typeof value === "string" && value.trim().length > 0 && value.trim().length <= max ? value.trim() : null);

/**
 * Signs in with a token the company's product made (HS256 with the site's secret): checks the
 * signature, the audience, the expiry and age (with some clock skew), and that it was not used
 * before (its `jti`); then creates or updates the customer it names, their address confirmed
 * (the company vouches for it), and returns them. Staff accounts are not signed in this way:
 * their access stays behind their own password.
 */
export async function signInWithSsoToken(token: string, now = clockNow()) {
  const secret = await getSsoSecret();
  if (!secret) return refused("notConfigured");
  let claims: Record<string, unknown>;
  try {
    const verified = await jwtVerify(token, new TextEncoder().encode(secret.secret), {
      algorithms: ["HS256"],
      audience: ssoAudience(),
      clockTolerance: SSO_CLOCK_SKEW_SECONDS,
      maxTokenAge: SSO_MAX_TOKEN_AGE_SECONDS,
      currentDate: now,
      requiredClaims: ["exp", "iat", "jti"],
    });
    claims = verified.payload;
  } catch (error) {
    if (error instanceof errors.JWTExpired) return refused("expired");
    if (error instanceof errors.JWTClaimValidationFailed && error.claim === "iat") return refused("expired");
    return refused("invalid");
  }
  const email = text(claims.email, 254);
  const name = text(claims.name, 60);
  const jti = text(claims.jti, 200);
  if (!email?.includes("@") || !name || name.length < 2 || !jti) return refused("invalid");
  const company = text(claims.company, 80);
  const address = normalizeEmail(email);
  return transaction(async (tx) => {
    // A token works once: kept (by its jti) until it would have expired anyway.
    const expiresAt = new Date((Number(claims.exp) + SSO_CLOCK_SKEW_SECONDS) * 1000);
    const [fresh] = await tx.insert(ssoTokenUses).values({ jti, expiresAt }).onConflictDoNothing().returning({ jti: ssoTokenUses.jti });
    if (!fresh) return refused("replayed");
    const [existing] = await tx.select().from(users).where(eq(users.email, address)).limit(1);
    if (existing) {
      if (isStaff(existing)) return refused("staff");
      const [updated] = await tx
        .update(users)
        .set({ displayName: name, company: company ?? existing.company, emailVerifiedAt: existing.emailVerifiedAt ?? now })
        .where(eq(users.id, existing.id))
        .returning();
      return ok(updated!);
    }
    // No password: they sign in through the company's product (or set one with a reset link).
    return insertPerson(tx, {
      id: generateId(),
      email: address,
      displayName: name,
      passwordHash: "",
      role: "customer",
      locale: null,
      jobTitle: null,
      bio: null,
      company,
      emailVerifiedAt: now,
    });
  });
}

/** Forgets used tokens that have expired (they would be refused anyway): run by the background jobs. */
export async function deleteExpiredSsoTokenUses(now = clockNow()) {
  await transaction(async (tx) => {
    await tx.delete(ssoTokenUses).where(lte(ssoTokenUses.expiresAt, now));
  });
}
