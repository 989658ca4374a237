import { beforeAll, describe, expect, it } from "vitest";
import { action as resendAction, loader as statusLoader } from "~/routes/verify-email._index";
import { args, call, ensureSite, makePerson, makeRequest, sessionCookieFor } from "#tests/support/fixtures";
import { emailsTo } from "#tests/support/mail";

beforeAll(ensureSite);

const resend = (cookie?: string, clientAddress = "198.51.100.70") => call(() => resendAction(args(makeRequest("/verify-email", { method: "POST", cookie }), {}, { clientAddress })));

describe("/verify-email", () => {
  it("sends a new link to a person whose address is not confirmed, and says so", async () => {
    const person = await makePerson("customer", { verified: false });
    const cookie = await sessionCookieFor(person.id);
    expect(((await resend(cookie)) as Response).headers.get("Location")).toBe("/verify-email?sent");
    expect(await emailsTo(person.email)).toHaveLength(1);
    expect(await statusLoader(args(makeRequest("/verify-email?sent", { cookie })))).toEqual({ email: person.email, confirmed: false, sent: true });
  });

  it("sends nothing once the address is confirmed", async () => {
    const person = await makePerson();
    const cookie = await sessionCookieFor(person.id);
    expect(((await resend(cookie)) as Response).headers.get("Location")).toBe("/verify-email");
    expect(await emailsTo(person.email)).toHaveLength(0);
  });

  it("sends a visitor to log in", async () => {
    expect(((await resend()) as Response).headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
  });

  it("sends at most five links an hour, then answers 429 with the wait", async () => {
    const person = await makePerson("customer", { verified: false });
    const cookie = await sessionCookieFor(person.id);
    for (let i = 0; i < 5; i++) await resend(cookie, `198.51.100.${71 + i}`);
    const refused = (await resend(cookie, "198.51.100.80")) as unknown as { init: { status: number; headers: Record<string, string> }; data: { rateLimited: string } };
    expect(refused.init.status).toBe(429);
    expect(refused.data.rateLimited).toMatch(/^errors\.rateLimited\.minutes:/);
    expect(await emailsTo(person.email)).toHaveLength(5);
  });
});
