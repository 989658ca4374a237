import { and, desc, eq, isNull, lt, or } from "drizzle-orm";
import { apiKeys, users, type ApiKeyScope } from "#db/tables";
import { audit } from "~/domain/audit.server";
import { hasRole } from "~/domain/roles";
import { now as clockNow } from "~/lib/clock.server";
import { generateToken, hashToken } from "~/lib/crypto.server";
import { db, transaction } from "~/lib/db.server";
import { ok, refused } from "~/lib/result";

/** Every key starts with this, so a key pasted into the wrong place is recognisable (and scannable). */
export const API_KEY_PREFIX = "trt_";
/** How many characters of a key the admin page shows to tell keys apart. */
const SHOWN_LENGTH = API_KEY_PREFIX.length + 6;
/** "Last used" is written at most this often: an API client's every request is not a write. */
const LAST_USED_PRECISION_MS = 60_000;

/**
 * Makes a key for the admin; the key itself is returned once, here, and only its hash is kept.
 * Only admins make keys (a key acts as its maker, and the API's staff rules assume an admin).
 */
export async function createApiKey(input: { name: string; scope: ApiKeyScope; adminId: string; now?: Date }) {
  const now = input.now ?? clockNow();
  const token = API_KEY_PREFIX + generateToken();
  return transaction(async (tx) => {
    const [maker] = await tx.select({ role: users.role }).from(users).where(eq(users.id, input.adminId)).limit(1);
    if (!hasRole(maker, "admin")) return refused("forbidden");
    const [key] = await tx
      .insert(apiKeys)
      .values({ name: input.name, scope: input.scope, tokenHash: hashToken(token), prefix: token.slice(0, SHOWN_LENGTH), createdById: input.adminId, createdAt: now })
      .returning({ id: apiKeys.id, name: apiKeys.name, scope: apiKeys.scope });
    await audit(tx, { actorId: input.adminId, action: "apiKey.create", targetType: "apiKey", targetId: key!.id, details: { name: key!.name, scope: key!.scope }, now });
    return ok({ ...key!, token });
  });
}

/** Every key, newest first, with its maker: the admin page. */
export async function listApiKeys() {
  return db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      scope: apiKeys.scope,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
      createdAt: apiKeys.createdAt,
      createdBy: { id: users.id, displayName: users.displayName },
    })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.createdById))
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
}

/** Revoking is for good: a revoked key is refused from the next request on. */
export async function revokeApiKey(input: { id: number; adminId: string; now?: Date }) {
  const now = input.now ?? clockNow();
  return transaction(async (tx) => {
    const revoked = await tx
      .update(apiKeys)
      .set({ revokedAt: now })
      .where(and(eq(apiKeys.id, input.id), isNull(apiKeys.revokedAt)))
      .returning({ id: apiKeys.id, name: apiKeys.name });
    if (revoked.length === 0) return refused("notFound");
    await audit(tx, { actorId: input.adminId, action: "apiKey.revoke", targetType: "apiKey", targetId: input.id, details: { name: revoked[0]!.name }, now });
    return ok();
  });
}

/**
 * The key a request presents, and the person it acts as. Refused when no key has this hash
 * ("unknownKey"), it was revoked ("revokedKey"), or its maker is no longer an admin
 * ("makerNotAdmin"): a key has its maker's permissions, never more than they have now.
 */
export async function authenticateApiKey(token: string, now = clockNow()) {
  if (!token.startsWith(API_KEY_PREFIX)) return refused("unknownKey");
  const [row] = await db
    .select({ key: { id: apiKeys.id, scope: apiKeys.scope, revokedAt: apiKeys.revokedAt, lastUsedAt: apiKeys.lastUsedAt }, maker: users })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.createdById))
    .where(eq(apiKeys.tokenHash, hashToken(token)))
    .limit(1);
  if (!row) return refused("unknownKey");
  if (row.key.revokedAt) return refused("revokedKey");
  if (!hasRole(row.maker, "admin")) return refused("makerNotAdmin");
  if (!row.key.lastUsedAt || now.getTime() - row.key.lastUsedAt.getTime() >= LAST_USED_PRECISION_MS) {
    await transaction(async (tx) => {
      const stale = new Date(now.getTime() - LAST_USED_PRECISION_MS);
      await tx
        .update(apiKeys)
        .set({ lastUsedAt: now })
        .where(and(eq(apiKeys.id, row.key.id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, stale))));
    });
  }
  return ok({ keyId: row.key.id, scope: row.key.scope, user: row.maker });
}
