import { beforeAll, describe, expect, it } from "vitest";
import {
  changeRole,
  createPerson,
  EmailTakenError,
  findPersonByEmail,
  LastAdminError,
  normalizeEmail,
  updateProfile,
  verifyCredentials,
} from "~/domain/people.server";
import { sqlite } from "~/lib/db.server";
import { ensureSite, makePerson, PASSWORD } from "#tests/support/fixtures";

beforeAll(ensureSite);

describe("people", () => {
  it("normalises emails before storing and looking them up", async () => {
    expect(normalizeEmail("  Ana.Lopez@Example.COM ")).toBe("ana.lopez@example.com");
    const person = await createPerson({ email: " Mixed@Case.Example ", displayName: " Mixed ", password: PASSWORD });
    expect(person.email).toBe("mixed@case.example");
    expect(person.displayName).toBe("Mixed");
    expect(findPersonByEmail("MIXED@case.example")?.id).toBe(person.id);
  });

  it("refuses a second account with the same email, whatever its case", async () => {
    await createPerson({ email: "twice@example.com", displayName: "Once", password: PASSWORD });
    await expect(createPerson({ email: "TWICE@example.com", displayName: "Twice", password: PASSWORD })).rejects.toBeInstanceOf(
      EmailTakenError,
    );
  });

  it("stores an argon2id hash, never the password", async () => {
    const person = await makePerson();
    expect(person.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(person.passwordHash).not.toContain(PASSWORD);
  });

  it("verifies credentials without saying which part was wrong", async () => {
    const person = await makePerson();
    expect((await verifyCredentials(person.email.toUpperCase(), PASSWORD))?.id).toBe(person.id);
    expect(await verifyCredentials(person.email, "wrong password!")).toBeNull();
    expect(await verifyCredentials("nobody@example.com", PASSWORD)).toBeNull();
  });

  it("keeps at least one admin", async () => {
    const admins = sqlite.prepare("select id from users where role = 'admin'").all() as { id: string }[];
    expect(admins).toHaveLength(1);
    expect(() => changeRole(admins[0]!.id, "staff", admins[0]!.id)).toThrow(LastAdminError);
    const second = await makePerson("admin");
    expect(changeRole(admins[0]!.id, "staff", second.id)?.role).toBe("staff");
    expect(() => changeRole(second.id, "customer", admins[0]!.id)).toThrow(LastAdminError);
  });

  it("enforces the role list in the database itself", async () => {
    const person = await makePerson();
    expect(() => sqlite.prepare("update users set role = 'owner' where id = ?").run(person.id)).toThrow(/CHECK constraint/);
  });

  it("updates a profile, blanking empty optional fields", async () => {
    const person = await makePerson("staff");
    const updated = updateProfile(person.id, { displayName: " Luz ", locale: "es", jobTitle: " Head of Support ", bio: "  " });
    expect(updated).toMatchObject({ displayName: "Luz", locale: "es", jobTitle: "Head of Support", bio: null });
  });
});
