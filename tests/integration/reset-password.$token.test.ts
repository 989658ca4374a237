import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { requestPasswordReset } from "~/domain/password-reset.server";
import { verifyCredentials } from "~/domain/people.server";
import { hashToken } from "~/lib/crypto.server";
import { action as resetAction, loader as resetLoader } from "~/routes/reset-password.$token";
import { getSession } from "~/web/session.server";
import { rows } from "#tests/support/db";
import { answerOf, args, call, ensureSite, makePerson, makeRequest, sessionCookieFor } from "#tests/support/fixtures";
import { lastEmailTo, tokenIn } from "#tests/support/mail";

beforeAll(ensureSite);

const open = (token: string) => resetLoader(args(makeRequest(`/reset-password/${token}`), { token }));
const submit = (token: string, password: string) => call(() => resetAction(args(makeRequest(`/reset-password/${token}`, { form: { password } }), { token })));

async function resetLinkFor(email: string) {
  await requestPasswordReset(email);
  return tokenIn(await lastEmailTo(email), "reset-password")!;
}

describe("/reset-password/:token", () => {
  it("keeps only the token's hash, sets the password, ends the old sessions and signs in, once", async () => {
    const person = await makePerson();
    const oldSession = await sessionCookieFor(person.id);
    const token = await resetLinkFor(person.email);
    const stored = await rows<{ token_hash: string }>(sql`select token_hash from account_tokens where user_id = ${person.id}`);
    expect(stored).toEqual([{ token_hash: hashToken(token) }]);

    // Opening the link (as a mail scanner would) does not use it up.
    expect(await open(token)).toMatchObject({ usable: true, email: person.email });
    expect(await open(token)).toMatchObject({ usable: true, email: person.email });

    const response = (await submit(token, "my new long passphrase")) as Response;
    expect(response.headers.get("Location")).toBe("/");
    const newSession = response.headers.get("Set-Cookie")!.split(";")[0]!;
    expect((await getSession(makeRequest("/", { cookie: newSession }))).user?.id).toBe(person.id);
    expect((await getSession(makeRequest("/", { cookie: oldSession }))).user).toBeNull();
    expect(await verifyCredentials(person.email, "my new long passphrase")).toMatchObject({ id: person.id });

    expect(await open(token)).toMatchObject({ usable: false, email: null });
    const again = (await submit(token, "a third long passphrase")) as Response;
    expect(again.headers.get("Location")).toBe(`/reset-password/${token}`);
    expect(again.headers.get("Set-Cookie")).toBeNull();
    expect(await verifyCredentials(person.email, "a third long passphrase")).toBeNull();
  });

  it("refuses a short password with a field error, and keeps the link usable", async () => {
    const person = await makePerson();
    const token = await resetLinkFor(person.email);
    const answer = answerOf(await submit(token, "short"));
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: { password: ["errors.field.passwordTooShort:10"] } });
    expect(await open(token)).toMatchObject({ usable: true });
  });

  it("shows a made-up link as unusable", async () => {
    expect(await open("made-up-token")).toMatchObject({ usable: false, email: null });
  });
});
