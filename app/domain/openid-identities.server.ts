import { and, eq } from "drizzle-orm";
import { identities, users } from "#db/tables";
import { insertPerson, normalizeEmail } from "~/domain/people.server";
import { now as clockNow } from "~/lib/clock.server";
import { generateId } from "~/lib/crypto.server";
import { transaction } from "~/lib/db.server";
import { ok, refused } from "~/lib/result";

/** What a provider's ID token says about the person (checked by the web layer's OpenID client). */
export type OpenIdClaims = { provider: string; subject: string; email: string | null; emailVerified: boolean; name: string | null };

/**
 * The person an OpenID Connect sign-in is for: the one already linked to this provider's
 * subject; else the one whose address the provider confirms (now linked); else a new customer
 * with that address, confirmed. An address the provider does not confirm links nothing and
 * creates nothing: anyone can type any address at some providers.
 */
export async function personForOpenId(claims: OpenIdClaims) {
  return transaction(async (tx) => {
    const [linked] = await tx
      .select({ person: users })
      .from(identities)
      .innerJoin(users, eq(users.id, identities.userId))
      .where(and(eq(identities.provider, claims.provider), eq(identities.subject, claims.subject)))
      .limit(1);
    if (linked) return ok(linked.person);
    if (!claims.email || !claims.emailVerified) return refused("emailUnverified");
    const email = normalizeEmail(claims.email);
    const [owner] = await tx.select().from(users).where(eq(users.email, email)).limit(1);
    let person = owner;
    if (owner && !owner.emailVerifiedAt) {
      [person] = await tx.update(users).set({ emailVerifiedAt: clockNow() }).where(eq(users.id, owner.id)).returning();
    }
    if (!person) {
      const name = claims.name?.trim().slice(0, 60) || email.split("@")[0]!;
      const created = await insertPerson(tx, {
        id: generateId(),
        email,
        displayName: name.length >= 2 ? name : email,
        passwordHash: "",
        role: "customer",
        locale: null,
        jobTitle: null,
        bio: null,
        company: null,
        emailVerifiedAt: clockNow(),
      });
      if (!created.ok) return created;
      person = created.value;
    }
    await tx.insert(identities).values({ provider: claims.provider, subject: claims.subject, userId: person.id });
    return ok(person);
  });
}
