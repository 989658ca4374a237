import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { site } from "#db/tables";
import { settingsChanged } from "~/domain/site.server";
import { setClock } from "~/lib/clock.server";
import { transaction } from "~/lib/db.server";
import { loader as listeningPage } from "~/routes/listening";
import { loader as teamPage } from "~/routes/team";
import { loader as rootLoader } from "~/root";
import { args, call, ensureSite, makePerson, makeRequest } from "#tests/support/fixtures";
import { comment } from "#tests/support/comments";
import { makeIdea } from "#tests/support/ideas";

// The public listening record through its loader; its figures one by one are in
// tests/unit/listening.test.ts.
const HOUR = 3600_000;
let staffId = "";

beforeAll(async () => {
  await ensureSite();
  const staff = await makePerson("staff", { displayName: "Marta Ruiz" });
  staffId = staff.id;
  const customer = await makePerson("customer");
  setClock(new Date("2026-03-20T10:00:00Z"));
  const idea = await makeIdea(customer.id, "Pay by phone, please");
  setClock(new Date("2026-03-20T15:00:00Z"));
  await comment(idea.id, staff, "We read you.");
  setClock(new Date("2026-03-25T12:00:00Z"));
});
afterAll(() => setClock(null));

async function showListening(publicly: boolean) {
  await transaction(async (tx) => {
    await tx.update(site).set({ listeningPublic: publicly }).where(eq(site.id, 1));
    await settingsChanged(tx);
  });
}

const rootSite = async () => ((await rootLoader(args(makeRequest("/")))) as unknown as { data: { site: { listeningPublic: boolean } } }).data.site;

describe("/listening", () => {
  it("shows a visitor the last 90 days: time to the first reply, the promise kept, adoptions, who answered", async () => {
    const record = (await call(() => listeningPage())) as Exclude<Awaited<ReturnType<typeof listeningPage>>, Response>;
    expect(record).toMatchObject({ posted: 1, answered: 1, medianMs: 5 * HOUR, decided: 1, withinPromise: 1, adopted: 0, replyPromiseDays: 3 });
    expect(record.staff).toContainEqual(expect.objectContaining({ id: staffId, displayName: "Marta Ruiz", answered: 1 }));
    expect(record.staff).toContainEqual(expect.objectContaining({ displayName: "First Admin", answered: 0 }));
    expect((await rootSite()).listeningPublic).toBe(true);
    const team = await teamPage();
    expect(team.listeningPublic).toBe(true);
    // The team page counts each person's public replies (it counted none: a bare "id" was the comment's).
    expect(team.staff).toContainEqual(expect.objectContaining({ id: staffId, replyCount: 1 }));
  });

  it("is not found once an admin switches it off, and the footer and the team page stop linking to it", async () => {
    await showListening(false);
    try {
      const answer = await call(() => listeningPage());
      expect(answer).toBeInstanceOf(Response);
      expect((answer as Response).status).toBe(404);
      expect((await rootSite()).listeningPublic).toBe(false);
      expect(((await teamPage()) as { listeningPublic: boolean }).listeningPublic).toBe(false);
    } finally {
      await showListening(true);
    }
  });
});
