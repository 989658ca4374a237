import { sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { consumeAccountToken, findUsableAccountToken, issueAccountToken, TOKEN_LIFETIME_MS } from "~/domain/account-tokens.server";
import { setClock } from "~/lib/clock.server";
import { hashToken } from "~/lib/crypto.server";
import { transaction } from "~/lib/db.server";
import { rows } from "#tests/support/db";
import { ensureSite, makePerson } from "#tests/support/fixtures";

beforeAll(ensureSite);
afterEach(() => setClock(null));

const issue = (userId: string, email: string, purpose: "password_reset" | "email_verification" = "password_reset") =>
  transaction((tx) => issueAccountToken(tx, { userId, purpose, email }));
const consume = (token: string, purpose: "password_reset" | "email_verification" = "password_reset") =>
  transaction((tx) => consumeAccountToken(tx, token, purpose));

describe("account tokens", () => {
  it("are stored only as their hash", async () => {
    const person = await makePerson();
    const token = await issue(person.id, person.email);
    const stored = await rows<Record<string, unknown>>(sql`select * from account_tokens where user_id = ${person.id}`);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.token_hash).toBe(hashToken(token));
    expect(JSON.stringify(stored)).not.toContain(token);
  });

  it("work once: of two uses racing, only one gets it", async () => {
    const person = await makePerson();
    const token = await issue(person.id, person.email);
    // Which one is up to the database: SQLite takes them in turn, PostgreSQL side by side.
    const outcomes = await Promise.all([consume(token), consume(token)]);
    expect(outcomes.filter((outcome) => outcome.ok)).toEqual([expect.objectContaining({ ok: true, value: expect.objectContaining({ userId: person.id }) })]);
    expect(outcomes.filter((outcome) => !outcome.ok)).toEqual([{ ok: false, reason: "unusable" }]);
    expect(await findUsableAccountToken(token, "password_reset")).toBeNull();
  });

  it("expire, and serve only their own purpose", async () => {
    const person = await makePerson();
    const token = await issue(person.id, person.email);
    expect(await consume(token, "email_verification")).toEqual({ ok: false, reason: "unusable" });
    setClock(new Date(Date.now() + TOKEN_LIFETIME_MS.password_reset + 1000));
    expect(await findUsableAccountToken(token, "password_reset")).toBeNull();
    expect(await consume(token)).toEqual({ ok: false, reason: "unusable" });
  });

  it("replace the person's earlier unused link of the same purpose, not the other purpose's", async () => {
    const person = await makePerson();
    const confirmation = await issue(person.id, person.email, "email_verification");
    const older = await issue(person.id, person.email);
    const newer = await issue(person.id, person.email);
    expect(await findUsableAccountToken(older, "password_reset")).toBeNull();
    expect(await findUsableAccountToken(newer, "password_reset")).not.toBeNull();
    expect(await findUsableAccountToken(confirmation, "email_verification")).not.toBeNull();
  });
});
