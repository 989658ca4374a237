import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { findPersonByEmail, verifyCredentials } from "~/domain/people.server";
import { signUp } from "~/domain/sign-up.server";
import { row } from "#tests/support/db";
import { ensureSite, makePerson, PASSWORD } from "#tests/support/fixtures";
import { emailsTo, lastEmailTo, tokenIn } from "#tests/support/mail";

beforeAll(ensureSite);

describe("signUp", () => {
  it("creates a newcomer with the address unconfirmed and emails them the confirmation link", async () => {
    await signUp({ email: " Fresh@Example.com ", displayName: " Fresh Face ", password: PASSWORD, locale: "es", redirectTo: "/ideas/7" });
    const person = await findPersonByEmail("fresh@example.com");
    expect(person).toMatchObject({ displayName: "Fresh Face", role: "customer", locale: "es", emailVerifiedAt: null });
    const email = await lastEmailTo("fresh@example.com");
    expect(email.subject).toBe("Confirma tu correo en Test portal");
    expect(email.text).toContain("?redirectTo=%2Fideas%2F7");
    expect(tokenIn(email, "verify-email")).toBeTruthy();
  });

  it("makes no second account for a taken address: its owner is told, with a reset link", async () => {
    const owner = await makePerson();
    const before = await row<{ n: number }>(sql`select count(*) as n from users`);
    await signUp({ email: owner.email.toUpperCase(), displayName: "Impostor", password: "the impostor's password", locale: "en" });
    expect(await row<{ n: number }>(sql`select count(*) as n from users`)).toEqual(before);
    const emails = await emailsTo(owner.email);
    expect(emails).toHaveLength(1);
    expect(emails[0]!.subject).toBe("Someone tried to sign up on Test portal with your address");
    expect(tokenIn(emails[0]!, "reset-password")).toBeTruthy();
    // The owner's account is untouched: the impostor's password does not open it.
    expect(await verifyCredentials(owner.email, "the impostor's password")).toBeNull();
    expect(await verifyCredentials(owner.email, PASSWORD)).toMatchObject({ id: owner.id });
  });
});
