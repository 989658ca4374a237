import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "#db/tables";
import { createCategory } from "~/domain/categories.server";
import { inviteStaff } from "~/domain/invitations.server";
import { reportContent } from "~/domain/moderation.server";
import { adminOverview } from "~/domain/overview.server";
import { setPhoto } from "~/domain/photos.server";
import { setClock } from "~/lib/clock.server";
import { db } from "~/lib/db.server";
import { accepted, ensureSite, makePerson } from "#tests/support/fixtures";
import { plainPng } from "#tests/support/images";
import { makeIdea } from "#tests/support/ideas";

beforeAll(ensureSite);
afterAll(() => setClock(null));

const DAY = 24 * 60 * 60 * 1000;

describe("adminOverview", () => {
  it("counts the ideas waiting and those past the reply promise, and open reports", async () => {
    const start = new Date("2026-03-01T12:00:00Z");
    setClock(start);
    const author = await makePerson();
    const old = await makeIdea(author.id, "Waiting for days", { now: new Date(start.getTime() - 4 * DAY) });
    await makeIdea(author.id, "Waiting since today", { now: start });
    accepted(await reportContent({ reporterId: author.id, ideaId: old.id, commentId: null, reason: "Not nice at all", now: start }));
    expect(await adminOverview()).toMatchObject({ promiseDays: 3, waiting: 2, overdue: 1, openReports: 1 });
    setClock(new Date(start.getTime() + 3 * DAY + 1));
    expect(await adminOverview()).toMatchObject({ waiting: 2, overdue: 2 });
  });

  it("lists the set-up steps left: a category, a colleague, a photo for each staff member", async () => {
    setClock(null);
    // The site's first admin, alone.
    expect((await adminOverview()).setup).toEqual({ categories: false, team: false, staffWithoutPhoto: 1 });
    const [admin] = await db.select({ id: users.id }).from(users).where(eq(users.role, "admin"));
    accepted(await createCategory({ name: "Checkout", description: "", colour: "#1e40af" }));
    accepted(await inviteStaff({ email: "colleague@example.com", invitedById: admin!.id }));
    expect((await adminOverview()).setup).toEqual({ categories: true, team: true, staffWithoutPhoto: 1 });
    const colleague = await makePerson("staff");
    expect((await adminOverview()).setup.staffWithoutPhoto).toBe(2);
    accepted(await setPhoto({ personId: colleague.id, bytes: await plainPng() }));
    accepted(await setPhoto({ personId: admin!.id, bytes: await plainPng() }));
    expect((await adminOverview()).setup.staffWithoutPhoto).toBe(0);
  });
});
