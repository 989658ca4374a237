import { beforeAll, describe, expect, it } from "vitest";
import { loader as adminLayoutLoader } from "~/routes/admin";
import { loader as adminIndexLoader } from "~/routes/admin._index";
import { action as teamAction, loader as teamLoader } from "~/routes/admin.team";
import { action as invitationAction, loader as invitationLoader } from "~/routes/invitations.$token";
import { findPersonByEmail, getPerson } from "~/domain/people.server";
import { findUsableInvitation, inviteStaff } from "~/domain/invitations.server";
import { lucia } from "~/lib/auth.server";
import { sqlite } from "~/lib/db.server";
import { args, call, ensureSite, makePerson, makeRequest, PASSWORD, sessionCookieFor } from "#tests/support/fixtures";

beforeAll(ensureSite);

async function as(role: "customer" | "staff" | "admin" | "visitor") {
  if (role === "visitor") return undefined;
  return sessionCookieFor((await makePerson(role)).id);
}

describe("who may enter the staff area", () => {
  it.each([
    ["/admin", adminLayoutLoader],
    ["/admin", adminIndexLoader],
  ])("%s: visitors log in, customers get 403, staff enter", async (path, loader) => {
    const visitor = (await call(() => loader(args(makeRequest(path))))) as Response;
    expect(visitor.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent(path)}`);
    const customer = await as("customer");
    expect(((await call(() => loader(args(makeRequest(path, { cookie: customer }))))) as Response).status).toBe(403);
    expect(await loader(args(makeRequest(path, { cookie: await as("staff") })))).not.toBeInstanceOf(Response);
  });

  it.each(["customer", "staff"] as const)("/admin/team is refused to %s, page and actions", async (role) => {
    const cookie = await as(role);
    expect(((await call(() => teamLoader(args(makeRequest("/admin/team", { cookie }))))) as Response).status).toBe(403);
    const forms: Record<string, string>[] = [
      { intent: "invite", email: "sneaky@example.com" },
      { intent: "change-role", personId: "x", role: "admin" },
      { intent: "revoke", invitationId: "1" },
    ];
    for (const form of forms) {
      const response = (await call(() => teamAction(args(makeRequest("/admin/team", { cookie, form }))))) as Response;
      expect(response.status).toBe(403);
    }
    expect(findPersonByEmail("sneaky@example.com")).toBeNull();
  });

  it("sends a visitor posting to /admin/team to log in", async () => {
    const response = (await call(() => teamAction(args(makeRequest("/admin/team", { form: { intent: "invite", email: "a@b.co" } }))))) as Response;
    expect(response.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
  });
});

describe("changing roles", () => {
  it("ends every session of a person whose role changes", async () => {
    const admin = await makePerson("admin");
    const staff = await makePerson("staff");
    await sessionCookieFor(staff.id);
    await teamAction(args(makeRequest("/admin/team", { cookie: await sessionCookieFor(admin.id), form: { intent: "change-role", personId: staff.id, role: "customer" } })));
    expect(getPerson(staff.id)?.role).toBe("customer");
    expect(await lucia.getUserSessions(staff.id)).toHaveLength(0);
  });

  it("does not let an admin change their own role", async () => {
    const admin = await makePerson("admin");
    const response = (await teamAction(
      args(makeRequest("/admin/team", { cookie: await sessionCookieFor(admin.id), form: { intent: "change-role", personId: admin.id, role: "customer" } })),
    )) as unknown as { data: { error: string }; init: { status: number } };
    expect(response.init.status).toBe(400);
    expect(response.data.error).toBe("errors.team.ownRole");
    expect(getPerson(admin.id)?.role).toBe("admin");
  });
});

describe("staff invitations", () => {
  it("shows the admin a single-use link, storing only the token's hash", async () => {
    const admin = await makePerson("admin");
    const result = (await teamAction(
      args(makeRequest("/admin/team", { cookie: await sessionCookieFor(admin.id), form: { intent: "invite", email: "Newcomer@Example.com" } })),
    )) as { link: string };
    const token = result.link.split("/invitations/")[1]!;
    expect(result.link).toMatch(/^http:\/\/tertulia\.test\/invitations\//);
    expect(sqlite.prepare("select count(*) as n from invitations where token_hash = ?").get(token)).toEqual({ n: 0 });

    const page = await invitationLoader(args(makeRequest(`/invitations/${token}`), { token }));
    expect(page).toMatchObject({ state: "newcomer", email: "newcomer@example.com" });

    const accepted = (await call(() =>
      invitationAction(
        args(makeRequest(`/invitations/${token}`, { form: { displayName: "Nora New", jobTitle: "Product manager", password: PASSWORD } }), { token }),
      ),
    )) as Response;
    expect(accepted.headers.get("Location")).toBe("/admin");
    expect(findPersonByEmail("newcomer@example.com")).toMatchObject({ role: "staff", jobTitle: "Product manager" });
    expect(findUsableInvitation(token)).toBeNull();
    expect(await invitationLoader(args(makeRequest(`/invitations/${token}`), { token }))).toEqual({ state: "unusable" });
  });

  it("refuses an expired invitation", async () => {
    const admin = await makePerson("admin");
    const { token } = inviteStaff({ email: "late@example.com", invitedById: admin.id, now: new Date(Date.now() - 8 * 24 * 60 * 60 * 1000) });
    expect(findUsableInvitation(token)).toBeNull();
    const response = (await call(() =>
      invitationAction(args(makeRequest(`/invitations/${token}`, { form: { displayName: "Late", password: PASSWORD } }), { token })),
    )) as Response;
    expect(response.headers.get("Location")).toBe(`/invitations/${token}`);
    expect(findPersonByEmail("late@example.com")).toBeNull();
  });

  it("raises an existing customer with the invited email, and nobody else", async () => {
    const admin = await makePerson("admin");
    const customer = await makePerson("customer");
    const stranger = await makePerson("customer");
    const { token } = inviteStaff({ email: customer.email, invitedById: admin.id });

    const strangerCookie = await sessionCookieFor(stranger.id);
    const forwarded = (await call(() =>
      invitationAction(args(makeRequest(`/invitations/${token}`, { method: "POST", cookie: strangerCookie }), { token })),
    )) as Response;
    expect(forwarded.headers.get("Location")).toBe(`/invitations/${token}`);
    expect(getPerson(stranger.id)?.role).toBe("customer");

    const customerCookie = await sessionCookieFor(customer.id);
    const accepted = (await call(() =>
      invitationAction(args(makeRequest(`/invitations/${token}`, { method: "POST", cookie: customerCookie }), { token })),
    )) as Response;
    expect(accepted.headers.get("Location")).toBe("/admin");
    expect(getPerson(customer.id)?.role).toBe("staff");
    // Old sessions ended; the response carries the only live one.
    expect(await lucia.getUserSessions(customer.id)).toHaveLength(1);
  });
});
