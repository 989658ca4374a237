import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { users } from "#db/tables";
import { changeRole, createPerson, findPersonByEmail, normalizeEmail, updateProfile, verifyCredentials } from "~/domain/people.server";
import { db } from "~/lib/db.server";
import { exec } from "#tests/support/db";
import { accepted, ensureSite, makePerson, PASSWORD } from "#tests/support/fixtures";

beforeAll(ensureSite);

describe("people", () => {
  it("normalises emails before storing and looking them up", async () => {
    expect(normalizeEmail("  Ana.Lopez@Example.COM ")).toBe("ana.lopez@example.com");
    const person = accepted(await createPerson({ email: " Mixed@Case.Example ", displayName: " Mixed ", password: PASSWORD }));
    expect(person.email).toBe("mixed@case.example");
    expect(person.displayName).toBe("Mixed");
    expect((await findPersonByEmail("MIXED@case.example"))?.id).toBe(person.id);
  });

  it("refuses a second account with the same email, whatever its case", async () => {
    accepted(await createPerson({ email: "twice@example.com", displayName: "Once", password: PASSWORD }));
    expect(await createPerson({ email: "TWICE@example.com", displayName: "Twice", password: PASSWORD })).toEqual({ ok: false, reason: "emailTaken" });
  });

  it("stores an argon2id hash, never the password", async () => {
    const person = accepted(await createPerson({ email: "hashed@example.com", displayName: "Hashed", password: PASSWORD }));
    expect(person.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(person.passwordHash).not.toContain(PASSWORD);
  });

  it("verifies credentials without saying which part was wrong", async () => {
    const person = await makePerson();
    expect((await verifyCredentials(person.email.toUpperCase(), PASSWORD))?.id).toBe(person.id);
    expect(await verifyCredentials(person.email, "wrong password!")).toBeNull();
    expect(await verifyCredentials("nobody@example.com", PASSWORD)).toBeNull();
  });

  it("keeps at least one admin, and nobody changes their own role", async () => {
    const admins = await db.select({ id: users.id }).from(users).where(eq(users.role, "admin"));
    expect(admins).toHaveLength(1);
    const first = admins[0]!.id;
    const second = await makePerson("admin");
    expect(await changeRole({ personId: first, role: "staff", actorId: first })).toEqual({ ok: false, reason: "ownRole" });
    expect(accepted(await changeRole({ personId: first, role: "staff", actorId: second.id })).role).toBe("staff");
    expect(await changeRole({ personId: second.id, role: "customer", actorId: first })).toEqual({ ok: false, reason: "lastAdmin" });
    expect(await changeRole({ personId: "nobody", role: "staff", actorId: second.id })).toEqual({ ok: false, reason: "notFound" });
  });

  it("enforces the role list in the database itself", async () => {
    const person = await makePerson();
    await expect(exec(sql`update users set role = 'owner' where id = ${person.id}`)).rejects.toThrow(/CHECK constraint|violates check constraint/);
  });

  it("updates a profile, blanking empty optional fields; titles and bios for staff, companies for customers", async () => {
    const staff = await makePerson("staff");
    const customer = await makePerson("customer");
    const profile = { displayName: " Luz ", locale: "es" as const, jobTitle: " Head of Support ", bio: "  ", company: "Acme" };
    expect(accepted(await updateProfile(staff.id, profile))).toMatchObject({ displayName: "Luz", locale: "es", jobTitle: "Head of Support", bio: null, company: null });
    expect(accepted(await updateProfile(customer.id, profile))).toMatchObject({ jobTitle: null, bio: null, company: "Acme" });
  });
});
