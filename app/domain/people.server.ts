import { hash, verify } from "@node-rs/argon2";
import { asc, count, eq, inArray } from "drizzle-orm";
import { users, type Locale, type Role } from "#db/schema";
import { generateId } from "~/lib/crypto.server";
import { db, type Tx } from "~/lib/db.server";
import { audit } from "~/domain/audit.server";

export const PASSWORD_MIN_LENGTH = 10;

// OWASP's recommended argon2id parameters (19 MiB, 2 iterations, 1 lane).
const ARGON2_OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function normalizeEmail(email: string) {
  return email.trim().toLowerCase();
}

export function hashPassword(password: string) {
  return hash(password, ARGON2_OPTIONS);
}

export class EmailTakenError extends Error {}

type NewPerson = {
  /** Only the demo seed chooses ids, to stay deterministic. */
  id?: string;
  email: string;
  displayName: string;
  password: string;
  role?: Role;
  locale?: Locale | null;
  jobTitle?: string | null;
  bio?: string | null;
  company?: string | null;
};

/**
 * Hashing is slow and asynchronous, SQLite transactions are synchronous: hash first, then
 * insert with `insertPerson` inside whatever transaction the caller holds.
 */
export async function preparePerson(person: NewPerson) {
  return {
    id: person.id ?? generateId(),
    email: normalizeEmail(person.email),
    displayName: person.displayName.trim(),
    passwordHash: await hashPassword(person.password),
    role: person.role ?? "customer",
    locale: person.locale ?? null,
    jobTitle: person.jobTitle ?? null,
    bio: person.bio ?? null,
    company: person.company ?? null,
  } satisfies typeof users.$inferInsert;
}

export function insertPerson(tx: Tx, values: Awaited<ReturnType<typeof preparePerson>>) {
  if (tx.select({ id: users.id }).from(users).where(eq(users.email, values.email)).get()) {
    throw new EmailTakenError();
  }
  return tx.insert(users).values(values).returning().get();
}

export async function createPerson(person: NewPerson) {
  const values = await preparePerson(person);
  return db.transaction((tx) => insertPerson(tx, values));
}

export function getPerson(id: string) {
  return db.select().from(users).where(eq(users.id, id)).get() ?? null;
}

export function findPersonByEmail(email: string) {
  return db.select().from(users).where(eq(users.email, normalizeEmail(email))).get() ?? null;
}

// A real hash of a throw-away password, so that checking an unknown email costs as much
// time as checking a known one and log-in timing does not reveal who has an account.
let decoyHash: Promise<string> | undefined;

/** The person with this email and password, or null; the answer never says which was wrong. */
export async function verifyCredentials(email: string, password: string) {
  const person = findPersonByEmail(email);
  decoyHash ??= hashPassword("decoy-password-for-timing");
  const passwordHash = person?.passwordHash ?? (await decoyHash);
  const valid = await verify(passwordHash, password).catch(() => false);
  return person && valid ? person : null;
}

export function listStaff() {
  return db
    .select()
    .from(users)
    .where(inArray(users.role, ["staff", "admin"]))
    .orderBy(asc(users.displayName))
    .all();
}

export function countAdmins(tx: Tx = db) {
  return tx.select({ n: count() }).from(users).where(eq(users.role, "admin")).get()?.n ?? 0;
}

export class LastAdminError extends Error {}

/** Changes a role; the caller ends the person's sessions. The site always keeps one admin. */
export function changeRole(personId: string, role: Role, actorId: string) {
  return db.transaction((tx) => {
    const person = tx.select().from(users).where(eq(users.id, personId)).get();
    if (!person) return null;
    if (person.role === "admin" && role !== "admin" && countAdmins(tx) <= 1) throw new LastAdminError();
    audit(tx, { actorId, action: "person.role", targetType: "person", targetId: personId, details: { from: person.role, to: role } });
    return tx.update(users).set({ role }).where(eq(users.id, personId)).returning().get();
  });
}

export function updateProfile(
  personId: string,
  profile: { displayName: string; locale: Locale | null; jobTitle?: string | null; bio?: string | null; company?: string | null },
) {
  return db
    .update(users)
    .set({
      displayName: profile.displayName.trim(),
      locale: profile.locale,
      jobTitle: profile.jobTitle?.trim() || null,
      bio: profile.bio?.trim() || null,
      company: profile.company?.trim() || null,
    })
    .where(eq(users.id, personId))
    .returning()
    .get();
}

export function setLocale(personId: string, locale: Locale) {
  db.update(users).set({ locale }).where(eq(users.id, personId)).run();
}
