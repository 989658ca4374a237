import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { invitations } from "#db/schema";
import { findPersonByEmail, getPerson } from "~/domain/people.server";
import { db } from "~/lib/db.server";
import { action as teamAction, loader as teamLoader } from "~/routes/admin.team";
import { lucia } from "~/web/session.server";
import { args, call, ensureSite, makePerson, makeRequest, sessionCookieFor } from "#tests/support/fixtures";

beforeAll(ensureSite);

const post = async (cookie: string | undefined, form: Record<string, string>) => call(() => teamAction(args(makeRequest("/admin/team", { cookie, form }))));

describe("who may manage the team", () => {
  it.each(["customer", "staff"] as const)("/admin/team is refused to %s, page and actions", async (role) => {
    const cookie = await sessionCookieFor((await makePerson(role)).id);
    expect(((await call(() => teamLoader(args(makeRequest("/admin/team", { cookie }))))) as Response).status).toBe(403);
    const forms: Record<string, string>[] = [
      { intent: "invite", email: "sneaky@example.com" },
      { intent: "change-role", personId: "x", role: "admin" },
      { intent: "revoke", invitationId: "1" },
    ];
    for (const form of forms) expect(((await post(cookie, form)) as Response).status).toBe(403);
    expect(await findPersonByEmail("sneaky@example.com")).toBeNull();
  });

  it("sends a visitor posting to /admin/team to log in", async () => {
    const response = (await post(undefined, { intent: "invite", email: "a@b.co" })) as Response;
    expect(response.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
  });
});

describe("changing roles", () => {
  it("ends every session of a person whose role changes", async () => {
    const admin = await makePerson("admin");
    const staff = await makePerson("staff");
    await sessionCookieFor(staff.id);
    await post(await sessionCookieFor(admin.id), { intent: "change-role", personId: staff.id, role: "customer" });
    expect((await getPerson(staff.id))?.role).toBe("customer");
    expect(await lucia.getUserSessions(staff.id)).toHaveLength(0);
  });

  it("does not let an admin change their own role", async () => {
    const admin = await makePerson("admin");
    const response = (await post(await sessionCookieFor(admin.id), { intent: "change-role", personId: admin.id, role: "customer" })) as unknown as {
      data: { error: string };
      init: { status: number };
    };
    expect(response.init.status).toBe(400);
    expect(response.data.error).toBe("errors.team.ownRole");
    expect((await getPerson(admin.id))?.role).toBe("admin");
  });
});

describe("inviting staff", () => {
  it("shows the admin a single-use link, storing only the token's hash", async () => {
    const admin = await makePerson("admin");
    const result = (await post(await sessionCookieFor(admin.id), { intent: "invite", email: "Newcomer@Example.com" })) as { link: string };
    const token = result.link.split("/invitations/")[1]!;
    expect(result.link).toMatch(/^http:\/\/tertulia\.test\/invitations\//);
    expect(await db.select().from(invitations).where(eq(invitations.tokenHash, token))).toEqual([]);
  });

  it("refuses to invite someone already on the team", async () => {
    const admin = await makePerson("admin");
    const colleague = await makePerson("staff");
    const result = (await post(await sessionCookieFor(admin.id), { intent: "invite", email: colleague.email })) as unknown as {
      data: { result: { error: Record<string, string[]> } };
    };
    expect(result.data.result.error.email).toEqual(["errors.team.alreadyStaff"]);
  });
});
