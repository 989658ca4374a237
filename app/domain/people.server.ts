import { hash, verify } from "@node-rs/argon2";
import { asc, count, eq, inArray } from "drizzle-orm";
import { users, type Locale, type Role, type Theme } from "#db/tables";
import { audit } from "~/domain/audit.server";
import { isStaff } from "~/domain/roles";
import { now as clockNow } from "~/lib/clock.server";
import { generateId, generateToken } from "~/lib/crypto.server";
import { db, transaction, type Tx } from "~/lib/db.server";
import { ok, refused } from "~/lib/result";

// OWASP's recommended argon2id parameters (19 MiB, 2 iterations, 1 lane).
const ARGON2_OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/** One account per address, whatever its case or surrounding spaces. */
export function normalizeEmail(email: string) {
  return email.trim().toLowerCase();
}

export async function hashPassword(password: string) {
  return hash(password, ARGON2_OPTIONS);
}

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
  /** True when whoever creates the account has just proved the address (an invitation, setup). */
  emailVerified?: boolean;
};

/**
 * A person's row, password hashed. Hashing is slow: call this before the transaction that
 * inserts the row (`insertPerson`), so the writer is not held while argon2 runs.
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
    emailVerifiedAt: person.emailVerified ? clockNow() : null,
  } satisfies typeof users.$inferInsert;
}

export async function insertPerson(tx: Tx, values: Awaited<ReturnType<typeof preparePerson>>) {
  const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.email, values.email)).limit(1);
  if (taken) return refused("emailTaken");
  const [person] = await tx.insert(users).values(values).returning();
  return ok(person!);
}

export async function createPerson(person: NewPerson) {
  const values = await preparePerson(person);
  return transaction((tx) => insertPerson(tx, values));
}

/**
 * A customer account made for someone by staff or the API (name and company), with a password
 * nobody knows: the person claims the account by resetting it.
 */
export async function createCustomer(input: { email: string; displayName: string; company: string | null }) {
  return createPerson({ email: input.email, displayName: input.displayName, company: input.company, password: generateToken(), role: "customer" });
}

export async function getPerson(id: string) {
  const [person] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return person ?? null;
}

export async function findPersonByEmail(email: string) {
  const [person] = await db.select().from(users).where(eq(users.email, normalizeEmail(email))).limit(1);
  return person ?? null;
}

// A real hash of a throw-away password, so that checking an unknown email costs as much
// time as checking a known one and log-in timing does not reveal who has an account.
let decoyHash: Promise<string> | undefined;

/** True when `password` is the one this hash was made from; an empty hash (no password) never matches. */
export async function passwordMatches(passwordHash: string, password: string) {
  decoyHash ??= hashPassword("decoy-password-for-timing");
  const valid = await verify(passwordHash || (await decoyHash), password).catch(() => false);
  return passwordHash !== "" && valid;
}

/** The person with this email and password, or null; the answer never says which was wrong. */
export async function verifyCredentials(email: string, password: string) {
  const person = await findPersonByEmail(email);
  const valid = await passwordMatches(person?.passwordHash ?? "", password);
  return person && valid ? person : null;
}

export async function listStaff() {
  return db
    .select()
    .from(users)
    .where(inArray(users.role, ["staff", "admin"]))
    .orderBy(asc(users.displayName), asc(users.id));
}

async function countAdmins(tx: Tx) {
  const [row] = await tx.select({ n: count() }).from(users).where(eq(users.role, "admin"));
  return row?.n ?? 0;
}

/**
 * Changes a person's role; the caller ends their sessions. Nobody changes their own role, and
 * the site always keeps one admin.
 */
export async function changeRole(input: { personId: string; role: Role; actorId: string }) {
  if (input.personId === input.actorId) return refused("ownRole");
  return transaction(async (tx) => {
    const [person] = await tx.select().from(users).where(eq(users.id, input.personId)).limit(1);
    if (!person) return refused("notFound");
    if (person.role === "admin" && input.role !== "admin" && (await countAdmins(tx)) <= 1) return refused("lastAdmin");
    await audit(tx, { actorId: input.actorId, action: "person.role", targetType: "person", targetId: input.personId, details: { from: person.role, to: input.role } });
    const [changed] = await tx.update(users).set({ role: input.role }).where(eq(users.id, input.personId)).returning();
    return ok(changed!);
  });
}

/**
 * A person's own profile. Titles and bios are for staff, whose replies carry them; customers
 * may name their company instead. Empty optional fields are stored as nothing.
 */
export async function updateProfile(
  personId: string,
  profile: { displayName: string; locale: Locale | null; jobTitle?: string | null; bio?: string | null; company?: string | null },
) {
  return transaction(async (tx) => {
    const [current] = await tx.select({ role: users.role }).from(users).where(eq(users.id, personId)).limit(1);
    if (!current) return refused("notFound");
    const staff = isStaff(current);
    const [person] = await tx
      .update(users)
      .set({
        displayName: profile.displayName.trim(),
        locale: profile.locale,
        jobTitle: staff ? profile.jobTitle?.trim() || null : null,
        bio: staff ? profile.bio?.trim() || null : null,
        company: staff ? null : profile.company?.trim() || null,
      })
      .where(eq(users.id, personId))
      .returning();
    return ok(person!);
  });
}

export async function setLocale(personId: string, locale: Locale) {
  await transaction(async (tx) => {
    await tx.update(users).set({ locale }).where(eq(users.id, personId));
  });
}

/** The person's colour theme; null follows their system's preference. */
export async function setTheme(personId: string, theme: Theme | null) {
  await transaction(async (tx) => {
    await tx.update(users).set({ theme }).where(eq(users.id, personId));
  });
}
