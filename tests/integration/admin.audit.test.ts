import { beforeAll, describe, expect, it } from "vitest";
import { changeStatus } from "~/domain/workflow.server";
import { setClock } from "~/lib/clock.server";
import { loader as auditPage } from "~/routes/admin.audit";
import { loader as auditCsv } from "~/routes/admin.audit[.csv]";
import { accepted, args, call, ensureSite, makePerson, makeRequest, sessionCookieFor } from "#tests/support/fixtures";
import { makeIdea, plainBody } from "#tests/support/ideas";

let cookie = "";
let marta: Awaited<ReturnType<typeof makePerson>>;
let ideaId = 0;

beforeAll(async () => {
  await ensureSite();
  marta = await makePerson("admin", { displayName: "Marta Ruiz" });
  cookie = await sessionCookieFor(marta.id);
  const customer = await makePerson("customer");
  ideaId = (await makeIdea(customer.id, "Faster check-out")).id;
  setClock(new Date("2026-03-10T12:00:00Z"));
  accepted(await changeStatus({ ideaId, staffId: marta.id, to: "under_review", note: null }));
  setClock(new Date("2026-03-12T12:00:00Z"));
  accepted(await changeStatus({ ideaId, staffId: marta.id, to: "planned", note: plainBody("Scheduled for spring.") }));
  setClock(null);
});

/** The page's data for this query string, for a reader in `timeZone` (as their browser's cookie says). */
async function page(query: string, timeZone?: string) {
  const request = makeRequest(`/admin/audit${query}`, { cookie: timeZone ? `${cookie}; tz=${encodeURIComponent(timeZone)}` : cookie });
  return (await call(() => auditPage(args(request)))) as Exclude<Awaited<ReturnType<typeof auditPage>>, Response>;
}

describe("/admin/audit", () => {
  it("shows sentences, filters by person, action and days, and links the export with the same filters", async () => {
    const all = await page("");
    expect(all.entries.map((entry) => entry.sentence.key)).toEqual(["audit.sentences.ideaStatus", "audit.sentences.ideaStatus"]);
    expect(all.actors).toEqual([{ id: marta.id, displayName: "Marta Ruiz" }]);
    expect(all.exportHref).toBe("/admin/audit.csv");

    const filtered = await page(`?who=${marta.id}&action=idea.status&from=2026-03-11&to=2026-03-12`);
    expect(filtered.errors).toEqual({});
    expect(filtered.entries).toHaveLength(1);
    expect(filtered.entries[0]!.details).toEqual({ from: "under_review", to: "planned" });
    expect(filtered.exportHref).toBe(`/admin/audit.csv?who=${marta.id}&action=idea.status&from=2026-03-11&to=2026-03-12`);

    // Days are the reader's: at 12:00 UTC on 10 March it was already 11 March in Kiritimati (UTC+14).
    expect((await page("?from=2026-03-11&to=2026-03-11")).entries).toHaveLength(0);
    const kiritimati = await page("?from=2026-03-11&to=2026-03-11", "Pacific/Kiritimati");
    expect(kiritimati.entries.map((entry) => entry.details)).toEqual([{ from: "open", to: "under_review" }]);
  });

  it("keeps what was typed and says what is wrong with a bad filter, instead of failing", async () => {
    const bad = await page("?action=drop.tables&from=2026-02-30&to=yesterday");
    expect(bad.errors).toEqual({ action: "audit.filters.badAction", from: "audit.filters.badDate", to: "audit.filters.badDate" });
    expect(bad.form).toEqual({ who: "", action: "drop.tables", from: "2026-02-30", to: "yesterday" });
    expect(bad.entries).toHaveLength(2);
    const backwards = await page("?from=2026-03-12&to=2026-03-01");
    expect(backwards.errors).toEqual({ to: "audit.filters.toBeforeFrom" });
  });
});

describe("/admin/audit.csv", () => {
  it("streams the filtered log as UTF-8 CSV with a BOM, ISO dates and sentences in the reader's language", async () => {
    const response = (await call(() => auditCsv(args(makeRequest("/admin/audit.csv?action=idea.status&from=2026-03-11", { cookie }))))) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="test-portal-audit-\d{4}-\d{2}-\d{2}\.csv"$/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    expect(text.split("\r\n")).toEqual([
      "When,Who,Action,What happened,On (kind),On (id)",
      `2026-03-12T12:00:00.000Z,Marta Ruiz,idea.status,Marta Ruiz changed the status of #${ideaId} “Faster check-out” from Under review to Planned,idea,${ideaId}`,
      "",
    ]);

    const spanish = (await call(() => auditCsv(args(makeRequest("/admin/audit.csv?from=2026-03-11", { cookie, headers: { "Accept-Language": "es" } }))))) as Response;
    expect(await spanish.text()).toContain("Marta Ruiz cambió el estado de");
  });

  it("sends a bad filter back to the page that explains it", async () => {
    const response = (await call(() => auditCsv(args(makeRequest("/admin/audit.csv?from=31/12/2026", { cookie }))))) as Response;
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe("/admin/audit?from=31%2F12%2F2026");
  });
});
