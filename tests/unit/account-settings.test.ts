import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { changePassword, confirmEmailChange, pendingEmailChange, requestEmailChange } from "~/domain/account-settings.server";
import { getPerson, verifyCredentials } from "~/domain/people.server";
import { rows } from "#tests/support/db";
import { ensureSite, makePerson, PASSWORD, sessionCookieFor } from "#tests/support/fixtures";
import { emailsTo, lastEmailTo, tokenIn } from "#tests/support/mail";

beforeAll(ensureSite);

const sessionIdsOf = async (personId: string) => (await rows<{ id: string }>(sql`select id from sessions where user_id = ${personId} order by id`)).map((row) => row.id);

describe("changePassword", () => {
  it("asks for the current password, then changes it and ends every other session", async () => {
    const person = await makePerson();
    await sessionCookieFor(person.id);
    await sessionCookieFor(person.id);
    const [keep] = await sessionIdsOf(person.id);

    expect(await changePassword({ personId: person.id, currentPassword: "not it at all", newPassword: "a new long passphrase", keepSessionId: keep! })).toEqual({
      ok: false,
      reason: "wrongPassword",
    });
    expect(await sessionIdsOf(person.id)).toHaveLength(2);

    expect(await changePassword({ personId: person.id, currentPassword: PASSWORD, newPassword: "a new long passphrase", keepSessionId: keep! })).toEqual({ ok: true });
    expect(await verifyCredentials(person.email, "a new long passphrase")).toMatchObject({ id: person.id });
    expect(await verifyCredentials(person.email, PASSWORD)).toBeNull();
    expect(await sessionIdsOf(person.id)).toEqual([keep]);
  });
});

describe("changing one's email address", () => {
  it("takes effect only through the link sent to the new address, confirms it, and tells the old one", async () => {
    const person = await makePerson("customer", { verified: false });
    expect(await requestEmailChange({ personId: person.id, newEmail: " Moved@Example.com ", password: PASSWORD })).toEqual({ ok: true, value: { email: "moved@example.com" } });
    expect((await getPerson(person.id))?.email).toBe(person.email);
    expect(await pendingEmailChange(person.id)).toBe("moved@example.com");
    const link = await lastEmailTo("moved@example.com");
    expect(link.subject).toBe("Confirm your new email address for Test portal");
    const token = tokenIn(link, "change-email")!;

    const changed = await confirmEmailChange(token);
    expect(changed).toMatchObject({ ok: true, value: { id: person.id, email: "moved@example.com", emailVerifiedAt: expect.any(Date) } });
    expect(await pendingEmailChange(person.id)).toBeNull();
    const notice = await lastEmailTo(person.email);
    expect(notice.subject).toBe("Your email address on Test portal was changed");
    expect(notice.text).toContain("moved@example.com");
    expect(await verifyCredentials("moved@example.com", PASSWORD)).toMatchObject({ id: person.id });
    expect(await confirmEmailChange(token)).toEqual({ ok: false, reason: "unusable" });
  });

  it("refuses a wrong password, the same address, and one another account uses (also when taken after the link was sent)", async () => {
    const person = await makePerson();
    const other = await makePerson();
    expect(await requestEmailChange({ personId: person.id, newEmail: "elsewhere@example.com", password: "wrong password" })).toEqual({ ok: false, reason: "wrongPassword" });
    expect(await requestEmailChange({ personId: person.id, newEmail: person.email.toUpperCase(), password: PASSWORD })).toEqual({ ok: false, reason: "sameEmail" });
    expect(await requestEmailChange({ personId: person.id, newEmail: other.email, password: PASSWORD })).toEqual({ ok: false, reason: "emailTaken" });
    expect(await emailsTo("elsewhere@example.com")).toEqual([]);

    await requestEmailChange({ personId: person.id, newEmail: "contested@example.com", password: PASSWORD });
    const token = tokenIn(await lastEmailTo("contested@example.com"), "change-email")!;
    await makePerson("customer", { email: "contested@example.com" });
    expect(await confirmEmailChange(token)).toEqual({ ok: false, reason: "emailTaken" });
    expect((await getPerson(person.id))?.email).toBe(person.email);
  });
});
