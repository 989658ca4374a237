import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { comments, users } from "#db/tables";
import { setVote } from "~/domain/votes.server";
import { setClock } from "~/lib/clock.server";
import { transaction } from "~/lib/db.server";
import { loader as insightsPage } from "~/routes/admin.insights";
import { loader as commentsCsv } from "~/routes/admin.insights_.comments[.csv]";
import { loader as ideasCsv } from "~/routes/admin.insights_.ideas[.csv]";
import { loader as votesCsv } from "~/routes/admin.insights_.votes[.csv]";
import { accepted, args, call, ensureSite, makePerson, makeRequest, sessionCookieFor } from "#tests/support/fixtures";
import { comment } from "#tests/support/comments";
import { makeIdea } from "#tests/support/ideas";

// The page and its exports over a small history made through the domain; the figures
// themselves are proven one by one in tests/unit/insights.test.ts.
let cookie = "";
let ideaId = 0;
let staffName = "";

beforeAll(async () => {
  await ensureSite();
  setClock(new Date("2026-03-20T10:00:00Z"));
  const staff = await makePerson("staff", { displayName: "Marta Ruiz" });
  staffName = staff.displayName;
  cookie = await sessionCookieFor(staff.id);
  const customer = await makePerson("customer", { displayName: "Ana Sol" });
  await transaction((tx) => tx.update(users).set({ company: "=Acme, Inc." }).where(eq(users.id, customer.id)));
  ideaId = (await makeIdea(customer.id, 'Pay "by phone", please')).id;
  accepted(await setVote(ideaId, customer.id, true));
  setClock(new Date("2026-03-20T14:00:00Z"));
  await comment(ideaId, staff, "We read you.");
  await comment(ideaId, staff, "Ask finance.", { kind: "internal" });
  setClock(new Date("2026-03-25T12:00:00Z"));
});
afterAll(() => setClock(null));

async function page(query: string) {
  return (await call(() => insightsPage(args(makeRequest(`/admin/insights${query}`, { cookie }))))) as Exclude<Awaited<ReturnType<typeof insightsPage>>, Response>;
}

async function csv(loader: typeof ideasCsv, path: string) {
  const response = (await call(() => loader(args(makeRequest(path, { cookie }))))) as Response;
  expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(new Uint8Array(await response.arrayBuffer()));
  expect(text.startsWith("\uFEFF")).toBe(true);
  return { disposition: response.headers.get("Content-Disposition"), lines: text.slice(1).split("\r\n") };
}

describe("/admin/insights", () => {
  it("shows the period's figures with the period before, the charts' days, and links the exports with the same choices", async () => {
    const data = await page("?period=7d");
    expect(data.period).toEqual({ firstDay: "2026-03-19", lastDay: "2026-03-25", byWeek: false });
    expect(data.buckets).toHaveLength(7);
    expect(data.insights.activity.current).toMatchObject({ ideas: 1, votes: 1, comments: 1, participants: 2 });
    expect(data.insights.listening.current).toMatchObject({ answered: 1, medianMs: 4 * 3600_000 });
    expect(data.insights.listening.byStaff).toEqual([expect.objectContaining({ name: staffName, answeredFirst: 1, replies: 1 })]);
    expect(data.exports.votes).toBe("/admin/insights/votes.csv?period=7d");
  });

  it("takes a custom range, and says what is wrong with a bad one while showing the default period", async () => {
    const custom = await page("?period=custom&from=2026-03-01&to=2026-03-31&category=7");
    expect(custom.error).toBeNull();
    expect(custom.period).toEqual({ firstDay: "2026-03-01", lastDay: "2026-03-31", byWeek: false });
    expect(custom.exports.ideas).toBe("/admin/insights/ideas.csv?period=custom&from=2026-03-01&to=2026-03-31&category=7");
    expect(custom.listQuery).toBe("category=7");

    const backwards = await page("?period=custom&from=2026-03-31&to=2026-03-01");
    expect(backwards.error).toBe("insights.errors.toBeforeFrom");
    expect(backwards.form).toMatchObject({ period: "custom", from: "2026-03-31", to: "2026-03-01" });
    expect(backwards.period).toMatchObject({ firstDay: "2026-02-24", lastDay: "2026-03-25" });
    expect((await page("?period=forever&category=x")).form).toMatchObject({ period: "30d", category: "" });
  });
});

describe("the exports", () => {
  it("stream the ideas with their replies, in the reader's language, with cells a spreadsheet cannot run", async () => {
    const { disposition, lines } = await csv(ideasCsv, "/admin/insights/ideas.csv?period=7d");
    expect(disposition).toBe('attachment; filename="test-portal-ideas-2026-03-25.csv"');
    expect(lines[0]).toBe("Id,Title,Status,Category,Challenge,Author,Author's company,Votes,Comments,Posted,First reply at,First reply by,Adopted at,Adopted by");
    expect(lines[1]).toBe(`${ideaId},"Pay ""by phone"", please",Open,,,Ana Sol,"'=Acme, Inc.",1,1,2026-03-20T10:00:00.000Z,2026-03-20T14:00:00.000Z,Marta Ruiz,,`);
    expect(lines).toHaveLength(3);
  });

  it("stream votes and comments, internal notes marked", async () => {
    const votes = await csv(votesCsv, "/admin/insights/votes.csv?period=7d");
    expect(votes.lines.slice(1, -1)).toEqual([`${ideaId},"Pay ""by phone"", please",Ana Sol,"'=Acme, Inc.",2026-03-20T10:00:00.000Z`]);
    const written = await csv(commentsCsv, "/admin/insights/comments.csv?period=7d");
    const [publicId, internalId] = (await transaction((tx) => tx.select({ id: comments.id }).from(comments).orderBy(comments.id))).map((row) => row.id);
    expect(written.lines.slice(1, -1)).toEqual([
      `${ideaId},"Pay ""by phone"", please",${publicId},Marta Ruiz,public,2026-03-20T14:00:00.000Z`,
      `${ideaId},"Pay ""by phone"", please",${internalId},Marta Ruiz,internal note (staff only),2026-03-20T14:00:00.000Z`,
    ]);
    const empty = await csv(votesCsv, "/admin/insights/votes.csv?period=custom&from=2026-01-01&to=2026-01-31");
    expect(empty.lines).toEqual(["Idea id,Idea,Person,Company,Voted at", ""]);
  });
});
