import { beforeAll, describe, expect, it } from "vitest";
import { requestEmailChange } from "~/domain/account-settings.server";
import { getPerson } from "~/domain/people.server";
import { action as changeAction, loader as changeLoader } from "~/routes/change-email.$token";
import { args, call, ensureSite, makePerson, makeRequest, PASSWORD } from "#tests/support/fixtures";
import { lastEmailTo, tokenIn } from "#tests/support/mail";

beforeAll(ensureSite);

const open = (token: string) => changeLoader(args(makeRequest(`/change-email/${token}`), { token }));
const confirm = (token: string) => call(() => changeAction(args(makeRequest(`/change-email/${token}`, { method: "POST" }), { token })));

describe("/change-email/:token", () => {
  it("shows a button (opening changes nothing), then moves the account to the new address, once", async () => {
    const person = await makePerson();
    await requestEmailChange({ personId: person.id, newEmail: "next-home@example.com", password: PASSWORD });
    const token = tokenIn(await lastEmailTo("next-home@example.com"), "change-email")!;
    expect(await open(token)).toEqual({ email: "next-home@example.com" });
    expect((await getPerson(person.id))?.email).toBe(person.email);

    expect(((await confirm(token)) as Response).headers.get("Location")).toBe("/settings/account?emailChanged");
    expect((await getPerson(person.id))?.email).toBe("next-home@example.com");
    expect(await open(token)).toEqual({ email: null });
    expect(((await confirm(token)) as Response).headers.get("Location")).toBe(`/change-email/${token}`);
  });

  it("shows a made-up link as unusable", async () => {
    expect(await open("made-up")).toEqual({ email: null });
    expect(((await confirm("made-up")) as Response).headers.get("Location")).toBe("/change-email/made-up");
  });
});
