import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { confirmAddress, resendAddressConfirmation } from "~/domain/email-addresses.server";
import { getPerson } from "~/domain/people.server";
import { exec } from "#tests/support/db";
import { ensureSite, makePerson } from "#tests/support/fixtures";
import { emailsTo, lastEmailTo, tokenIn } from "#tests/support/mail";

beforeAll(ensureSite);

describe("confirming an address", () => {
  it("resends the link (the earlier one stops working) and confirms with the newest, once", async () => {
    const person = await makePerson("customer", { verified: false });
    expect(await resendAddressConfirmation(person.id)).toEqual({ ok: true, value: { email: person.email } });
    const first = tokenIn(await lastEmailTo(person.email), "verify-email")!;
    await resendAddressConfirmation(person.id);
    const second = tokenIn(await lastEmailTo(person.email), "verify-email")!;
    expect(await emailsTo(person.email)).toHaveLength(2);

    expect(await confirmAddress(first)).toEqual({ ok: false, reason: "unusable" });
    expect(await confirmAddress(second)).toMatchObject({ ok: true, value: { id: person.id } });
    expect((await getPerson(person.id))?.emailVerifiedAt).toBeInstanceOf(Date);
    expect(await confirmAddress(second)).toEqual({ ok: false, reason: "unusable" });
    expect(await resendAddressConfirmation(person.id)).toEqual({ ok: false, reason: "alreadyConfirmed" });
  });

  it("refuses a link sent to an address the account no longer has", async () => {
    const person = await makePerson("customer", { verified: false });
    await resendAddressConfirmation(person.id);
    const token = tokenIn(await lastEmailTo(person.email), "verify-email")!;
    await exec(sql`update users set email = ${`other-${person.email}`} where id = ${person.id}`);
    expect(await confirmAddress(token)).toEqual({ ok: false, reason: "unusable" });
    expect((await getPerson(person.id))?.emailVerifiedAt).toBeNull();
  });
});
