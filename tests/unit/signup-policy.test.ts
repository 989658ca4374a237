import { beforeAll, describe, expect, it } from "vitest";
import { site } from "#db/tables";
import { checkSignUp, domainAllowed, signupFormOpen } from "~/domain/signup-policy.server";
import { settingsChanged } from "~/domain/site.server";
import { transaction } from "~/lib/db.server";
import { ensureSite } from "#tests/support/fixtures";

beforeAll(ensureSite);

async function setPolicy(signupMode: "anyone" | "invited", signupDomains: string) {
  await transaction(async (tx) => {
    await tx.update(site).set({ signupMode, signupDomains });
      await settingsChanged(tx);
  });
}

describe("the sign-up policy", () => {
  it("admits a listed domain and its subdomains, in any case, and every domain when none is listed", () => {
    expect(domainAllowed("ana@example.com", ["example.com"])).toBe(true);
    expect(domainAllowed(" Ana@EU.Example.com ", ["example.com"])).toBe(true);
    expect(domainAllowed("ana@notexample.com", ["example.com"])).toBe(false);
    expect(domainAllowed("ana@example.com.evil.test", ["example.com"])).toBe(false);
    expect(domainAllowed("ana@anything.test", [])).toBe(true);
  });

  it("opens the form to anyone, or closes it to all but invited and SSO people", async () => {
    await setPolicy("anyone", "");
    expect(await signupFormOpen()).toBe(true);
    expect(await checkSignUp({ email: "x@a.test", via: "password" })).toEqual({ ok: true, value: undefined });

    await setPolicy("invited", "");
    expect(await signupFormOpen()).toBe(false);
    expect(await checkSignUp({ email: "x@a.test", via: "password" })).toEqual({ ok: false, reason: "inviteOnly" });
    expect((await checkSignUp({ email: "x@a.test", via: "sso" })).ok).toBe(true);
    expect((await checkSignUp({ email: "x@a.test", via: "invitation" })).ok).toBe(true);
  });

  it("holds every way in but invitations to the allowed domains", async () => {
    await setPolicy("anyone", "example.com example.org");
    expect((await checkSignUp({ email: "x@example.org", via: "password" })).ok).toBe(true);
    expect(await checkSignUp({ email: "x@gmail.test", via: "password" })).toEqual({ ok: false, reason: "domainNotAllowed" });
    expect(await checkSignUp({ email: "x@gmail.test", via: "sso" })).toEqual({ ok: false, reason: "domainNotAllowed" });
    expect((await checkSignUp({ email: "x@gmail.test", via: "invitation" })).ok).toBe(true);
    await setPolicy("anyone", "");
  });
});
