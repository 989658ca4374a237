import { sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { requestPasswordReset, resetPassword } from "~/domain/password-reset.server";
import { getPerson, verifyCredentials } from "~/domain/people.server";
import { setClock } from "~/lib/clock.server";
import { exec, row } from "#tests/support/db";
import { ensureSite, makePerson, PASSWORD, sessionCookieFor } from "#tests/support/fixtures";
import { emailsTo, lastEmailTo, tokenIn } from "#tests/support/mail";

beforeAll(ensureSite);
afterEach(() => setClock(null));

const NEW_PASSWORD = "a brand new passphrase";

describe("requestPasswordReset", () => {
  it("emails the account's owner a reset link, in their language", async () => {
    const person = await makePerson();
    await exec(sql`update users set locale = 'es' where id = ${person.id}`);
    await requestPasswordReset(` ${person.email.toUpperCase()} `);
    const email = await lastEmailTo(person.email);
    expect(email.subject).toBe("Elige una contraseña nueva para Test portal");
    expect(email.recipientId).toBe(person.id);
    expect(tokenIn(email, "reset-password")).toBeTruthy();
  });

  it("does nothing, silently, for an address without an account", async () => {
    await requestPasswordReset("nobody-here@example.com");
    expect(await emailsTo("nobody-here@example.com")).toEqual([]);
  });
});

describe("resetPassword", () => {
  it("sets the password, confirms the address and ends every session, once", async () => {
    const person = await makePerson("customer", { verified: false });
    await sessionCookieFor(person.id);
    await sessionCookieFor(person.id);
    await requestPasswordReset(person.email);
    const token = tokenIn(await lastEmailTo(person.email), "reset-password")!;

    const reset = await resetPassword(token, NEW_PASSWORD);
    expect(reset).toMatchObject({ ok: true, value: { id: person.id } });
    expect(await verifyCredentials(person.email, NEW_PASSWORD)).toMatchObject({ id: person.id });
    expect(await verifyCredentials(person.email, PASSWORD)).toBeNull();
    expect((await getPerson(person.id))?.emailVerifiedAt).toBeInstanceOf(Date);
    expect(await row(sql`select count(*) as n from sessions where user_id = ${person.id}`)).toEqual({ n: 0 });

    expect(await resetPassword(token, "yet another passphrase")).toEqual({ ok: false, reason: "unusable" });
    expect(await verifyCredentials(person.email, NEW_PASSWORD)).toMatchObject({ id: person.id });
  });

  it("refuses a link older than an hour", async () => {
    const person = await makePerson();
    await requestPasswordReset(person.email);
    const token = tokenIn(await lastEmailTo(person.email), "reset-password")!;
    setClock(new Date(Date.now() + 61 * 60 * 1000));
    expect(await resetPassword(token, NEW_PASSWORD)).toEqual({ ok: false, reason: "unusable" });
  });

  it("refuses a link sent to an address the account no longer has", async () => {
    const person = await makePerson();
    await requestPasswordReset(person.email);
    const token = tokenIn(await lastEmailTo(person.email), "reset-password")!;
    await exec(sql`update users set email = ${`moved-${person.email}`} where id = ${person.id}`);
    expect(await resetPassword(token, NEW_PASSWORD)).toEqual({ ok: false, reason: "unusable" });
    expect(await verifyCredentials(`moved-${person.email}`, PASSWORD)).toMatchObject({ id: person.id });
  });
});
