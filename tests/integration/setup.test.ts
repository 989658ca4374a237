import { describe, expect, it } from "vitest";
import { loader as rootLoader } from "~/root";
import { action as setupAction, loader as setupLoader } from "~/routes/setup";
import { getSite } from "~/domain/site.server";
import { findPersonByEmail } from "~/domain/people.server";
import { args, call, makeRequest } from "#tests/support/fixtures";

const validSetup = {
  siteName: "Acme Ideas",
  defaultLocale: "es",
  replyPromiseDays: "5",
  displayName: "Ana Admin",
  email: "Ana@Acme.example",
  password: "a long enough password",
};

describe("first run", () => {
  it("sends every page to /setup while the site does not exist", async () => {
    const response = await call(() => rootLoader(args(makeRequest("/ideas/new"))));
    expect(response).toBeInstanceOf(Response);
    expect((response as Response).headers.get("Location")).toBe("/setup");
  });

  it("returns field errors and keeps what was typed, except the password", async () => {
    const result = await setupAction(args(makeRequest("/setup", { form: { ...validSetup, password: "short", replyPromiseDays: "0" } })));
    const reply = result as { status: string; error: Record<string, string[]>; initialValue: Record<string, string> };
    expect(reply.status).toBe("error");
    expect(reply.error.password).toEqual(["errors.field.passwordTooShort:10"]);
    expect(reply.error.replyPromiseDays).toEqual(["errors.field.atLeast:1"]);
    expect(reply.initialValue.siteName).toBe("Acme Ideas");
    expect(reply.initialValue.password).toBeUndefined();
    expect(await getSite()).toBeNull();
  });

  it("creates the site and its admin, signs the admin in and closes itself", async () => {
    const response = await call(() => setupAction(args(makeRequest("/setup", { form: validSetup }))));
    expect(response).toBeInstanceOf(Response);
    expect((response as Response).headers.get("Location")).toBe("/admin");
    expect((response as Response).headers.get("Set-Cookie")).toMatch(/^tertulia_session=/);
    expect(await getSite()).toMatchObject({ name: "Acme Ideas", defaultLocale: "es", replyPromiseDays: 5 });
    expect(await findPersonByEmail("ana@acme.example")).toMatchObject({ role: "admin", displayName: "Ana Admin", emailVerifiedAt: expect.any(Date) });

    const again = await call(() => setupAction(args(makeRequest("/setup", { form: { ...validSetup, email: "eve@example.com" } }))));
    expect((again as Response).headers.get("Location")).toBe("/");
    expect(await findPersonByEmail("eve@example.com")).toBeNull();
    const page = await call(() => setupLoader(args(makeRequest("/setup"))));
    expect((page as Response).headers.get("Location")).toBe("/");
  });

  it("uses the site's default language for a visitor whose browser asks for none we have", async () => {
    const data = (await rootLoader(args(makeRequest("/", { headers: { "Accept-Language": "de-DE" } })))) as unknown as {
      data: { locale: string };
    };
    expect(data.data.locale).toBe("es");
  });
});
