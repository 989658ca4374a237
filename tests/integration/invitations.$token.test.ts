import { beforeAll, describe, expect, it } from "vitest";
import { findUsableInvitation, inviteStaff } from "~/domain/invitations.server";
import { findPersonByEmail, getPerson } from "~/domain/people.server";
import { action as invitationAction, loader as invitationLoader } from "~/routes/invitations.$token";
import { lucia } from "~/web/session.server";
import { accepted, args, call, ensureSite, makePerson, makeRequest, PASSWORD, sessionCookieFor } from "#tests/support/fixtures";

beforeAll(ensureSite);

const open = (token: string, cookie?: string) => invitationLoader(args(makeRequest(`/invitations/${token}`, { cookie }), { token }));
const accept = (token: string, options: { cookie?: string; form?: Record<string, string> }) =>
  call(() => invitationAction(args(makeRequest(`/invitations/${token}`, { method: "POST", ...options }), { token })));

describe("accepting an invitation", () => {
  it("lets a newcomer create a staff account once, with the invited email", async () => {
    const admin = await makePerson("admin");
    const { token } = accepted(await inviteStaff({ email: "Newcomer@Example.com", invitedById: admin.id }));
    expect(await open(token)).toMatchObject({ state: "newcomer", email: "newcomer@example.com" });

    const response = (await accept(token, { form: { displayName: "Nora New", jobTitle: "Product manager", password: PASSWORD } })) as Response;
    expect(response.headers.get("Location")).toBe("/admin");
    expect(await findPersonByEmail("newcomer@example.com")).toMatchObject({ role: "staff", jobTitle: "Product manager", emailVerifiedAt: expect.any(Date) });
    expect(await findUsableInvitation(token)).toBeNull();
    expect(await open(token)).toEqual({ state: "unusable" });
  });

  it("refuses an expired invitation", async () => {
    const admin = await makePerson("admin");
    const { token } = accepted(await inviteStaff({ email: "late@example.com", invitedById: admin.id, now: new Date(Date.now() - 8 * 24 * 60 * 60 * 1000) }));
    expect(await findUsableInvitation(token)).toBeNull();
    const response = (await accept(token, { form: { displayName: "Late", password: PASSWORD } })) as Response;
    expect(response.headers.get("Location")).toBe(`/invitations/${token}`);
    expect(await findPersonByEmail("late@example.com")).toBeNull();
  });

  it("raises an existing customer with the invited email, and nobody else", async () => {
    const admin = await makePerson("admin");
    const customer = await makePerson("customer", { verified: false });
    const stranger = await makePerson("customer");
    const { token } = accepted(await inviteStaff({ email: customer.email, invitedById: admin.id }));

    const forwarded = (await accept(token, { cookie: await sessionCookieFor(stranger.id) })) as Response;
    expect(forwarded.headers.get("Location")).toBe(`/invitations/${token}`);
    expect((await getPerson(stranger.id))?.role).toBe("customer");

    const response = (await accept(token, { cookie: await sessionCookieFor(customer.id) })) as Response;
    expect(response.headers.get("Location")).toBe("/admin");
    // The link came to their address: it is confirmed too.
    expect(await getPerson(customer.id)).toMatchObject({ role: "staff", emailVerifiedAt: expect.any(Date) });
    // Old sessions ended; the response carries the only live one.
    expect(await lucia.getUserSessions(customer.id)).toHaveLength(1);
  });
});
