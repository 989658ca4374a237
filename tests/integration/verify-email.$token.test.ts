import { beforeAll, describe, expect, it } from "vitest";
import { resendAddressConfirmation } from "~/domain/email-addresses.server";
import { getPerson } from "~/domain/people.server";
import { action as confirmAction, loader as confirmLoader } from "~/routes/verify-email.$token";
import { getSession } from "~/web/session.server";
import { args, call, ensureSite, makePerson, makeRequest, sessionCookieFor } from "#tests/support/fixtures";
import { lastEmailTo, tokenIn } from "#tests/support/mail";

beforeAll(ensureSite);

const open = (token: string) => confirmLoader(args(makeRequest(`/verify-email/${token}`), { token }));
const confirm = (path: string, token: string, cookie?: string) => call(() => confirmAction(args(makeRequest(path, { method: "POST", cookie }), { token })));

async function confirmationLinkFor(person: { id: string; email: string }) {
  await resendAddressConfirmation(person.id);
  return tokenIn(await lastEmailTo(person.email), "verify-email")!;
}

describe("/verify-email/:token", () => {
  it("shows a button, then confirms the address, signs its owner in and goes where they were", async () => {
    const person = await makePerson("customer", { verified: false });
    const token = await confirmationLinkFor(person);
    expect(await open(token)).toEqual({ email: person.email });
    expect((await getPerson(person.id))?.emailVerifiedAt).toBeNull();

    const response = (await confirm(`/verify-email/${token}?redirectTo=%2Fideas%2F9`, token)) as Response;
    expect(response.headers.get("Location")).toBe("/ideas/9");
    const cookie = response.headers.get("Set-Cookie")!.split(";")[0]!;
    expect((await getSession(makeRequest("/", { cookie }))).user).toMatchObject({ id: person.id, emailVerified: true });
    expect(await open(token)).toEqual({ email: null });
  });

  it("keeps the session of someone already signed in, and never leaves the site", async () => {
    const person = await makePerson("customer", { verified: false });
    const cookie = await sessionCookieFor(person.id);
    const token = await confirmationLinkFor(person);
    const response = (await confirm(`/verify-email/${token}?redirectTo=%2F%2Fevil.example`, token, cookie)) as Response;
    expect(response.headers.get("Location")).toBe("/");
    expect(response.headers.get("Set-Cookie")).toBeNull();
    expect((await getSession(makeRequest("/", { cookie }))).user).toMatchObject({ id: person.id, emailVerified: true });
  });

  it("sends a used or made-up link back to its page, which says it cannot be used", async () => {
    const response = (await confirm("/verify-email/made-up", "made-up")) as Response;
    expect(response.headers.get("Location")).toBe("/verify-email/made-up");
    expect(response.headers.get("Set-Cookie")).toBeNull();
    expect(await open("made-up")).toEqual({ email: null });
  });
});
