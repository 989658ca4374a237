// The Atom feeds: /feed, /feed/adopted, /feed/categories/:id, /feed/challenges/:slug,
// /ideas/:id/feed, and /rss.xml's redirect.
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { createCategory } from "~/domain/categories.server";
import { setOfficialResponse } from "~/domain/comments.server";
import { hideReported, reportContent } from "~/domain/moderation.server";
import { changeStatus } from "~/domain/workflow.server";
import { loader as ideasFeed } from "~/routes/feed._index";
import { loader as adoptedFeed } from "~/routes/feed.adopted";
import { loader as categoryFeed } from "~/routes/feed.categories.$id";
import { loader as challengeFeed } from "~/routes/feed.challenges.$slug";
import { loader as ideaFeed } from "~/routes/ideas.$id.feed";
import { loader as rss } from "~/routes/rss[.]xml";
import { createIdea } from "~/domain/ideas.server";
import { makeChallenge } from "#tests/support/challenges";
import { comment } from "#tests/support/comments";
import { accepted, args, call, ensureSite, makePerson, makeRequest } from "#tests/support/fixtures";
import { makeIdea, plainBody } from "#tests/support/ideas";

type Entry = { id: string; title: { "#text": string }; updated: string; author: { name: { "#text": string } }; link: Array<{ "@_href": string }>; summary?: { "#text": string }; content?: { "#text": string } };
type Feed = { id: string; title: { "#text": string }; updated: string; link: Array<{ "@_rel": string; "@_href": string }>; entry?: Entry[] };

const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === "entry" || name === "link", textNodeName: "#text", alwaysCreateTextNode: true, parseTagValue: false });

/**
 * A response as a feed reader gets it: well-formed XML in Atom's namespace, with what RFC 4287
 * requires of a feed (id, title, updated, self and alternate links) and of each entry (id,
 * title, updated, an author, a link), dates in RFC 3339.
 */
async function atom(response: Response) {
  expect(response.headers.get("Content-Type")).toBe("application/atom+xml; charset=utf-8");
  const xml = await response.text();
  expect(XMLValidator.validate(xml)).toBe(true);
  const parsed = parser.parse(xml) as { feed: Feed & { "@_xmlns": string } };
  const feed = parsed.feed;
  expect(feed["@_xmlns"]).toBe("http://www.w3.org/2005/Atom");
  const text = (value: unknown) => (typeof value === "object" && value ? (value as { "#text": string })["#text"] : value);
  expect(text(feed.id)).toMatch(/^https?:\/\//);
  expect(text(feed.title)).toBeTruthy();
  expect(new Date(String(text(feed.updated))).toISOString()).toBe(text(feed.updated));
  expect(feed.link.map((link) => link["@_rel"]).sort()).toEqual(["alternate", "self"]);
  for (const entry of feed.entry ?? []) {
    expect(text(entry.id)).toMatch(/^https?:\/\//);
    expect(text(entry.title)).toBeTruthy();
    expect(new Date(String(text(entry.updated))).toISOString()).toBe(text(entry.updated));
    expect(text(entry.author.name)).toBeTruthy();
    expect(entry.link[0]!["@_href"]).toMatch(/^https?:\/\//);
  }
  return { feed, titles: (feed.entry ?? []).map((entry) => entry.title["#text"]), entries: feed.entry ?? [] };
}

let categoryId = 0;
let challengeSlug = "";
let ideaId = 0;
let hiddenId = 0;

beforeAll(async () => {
  await ensureSite();
  const author = await makePerson("customer", { displayName: "Ana <Autora> & Co" });
  const staff = await makePerson("staff", { displayName: "Sara Staff" });
  categoryId = accepted(await createCategory({ name: "Billing", description: "", colour: "#1e40af" })).id;
  ideaId = (await makeIdea(author.id, `Pay by "card" <script>alert(1)</script> & more`, { categoryId, now: new Date(Date.UTC(2026, 4, 1)) })).id;
  await makeIdea(author.id, "Second idea", { now: new Date(Date.UTC(2026, 4, 2)) });
  hiddenId = (await makeIdea(author.id, "Hidden idea", { now: new Date(Date.UTC(2026, 4, 3)) })).id;
  const report = accepted(await reportContent({ reporterId: staff.id, ideaId: hiddenId, commentId: null, reason: "Spam spam" }));
  accepted(await hideReported({ reportId: report.id, staffId: staff.id, reason: "Spam" }));

  const official = await comment(ideaId, staff, "We will <b>do</b> it.");
  accepted(await setOfficialResponse({ ideaId, commentId: official.id, staffId: staff.id }));
  await comment(ideaId, staff, "Internal: ask finance first.", { kind: "internal" });
  accepted(await changeStatus({ ideaId, staffId: staff.id, to: "adopted", note: plainBody("Shipped in May.") }));

  const challenge = await makeChallenge(staff.id, new Date(Date.now() - 24 * 3600_000), { title: "Faster check-out" });
  challengeSlug = challenge.slug;
  accepted(await createIdea({ authorId: author.id, title: "Self-service tills", body: plainBody("Tills"), categoryId: null, challengeId: challenge.id }));
});

describe("the Atom feeds", () => {
  it("/feed lists the newest ideas, not hidden ones, with titles and names escaped and kept exactly", async () => {
    const { titles, entries } = await atom(await ideasFeed());
    expect(titles).toEqual(["Self-service tills", "Second idea", `Pay by "card" <script>alert(1)</script> & more`]);
    expect(entries[2]!.author.name["#text"]).toBe("Ana <Autora> & Co");
    expect(entries[2]!.link[0]!["@_href"]).toMatch(new RegExp(`/ideas/${ideaId}-pay-by-card`));
  });

  it("/feed/categories/:id and /feed/challenges/:slug list their own ideas; unknown ones are 404", async () => {
    expect((await atom(await categoryFeed(args(makeRequest(`/feed/categories/${categoryId}`), { id: String(categoryId) })))).titles).toHaveLength(1);
    expect((await atom(await challengeFeed(args(makeRequest(`/feed/challenges/${challengeSlug}`), { slug: challengeSlug })))).titles).toEqual(["Self-service tills"]);
    expect(((await call(() => categoryFeed(args(makeRequest("/feed/categories/999"), { id: "999" })))) as Response).status).toBe(404);
    expect(((await call(() => challengeFeed(args(makeRequest("/feed/challenges/nope"), { slug: "nope" })))) as Response).status).toBe(404);
  });

  it("/feed/adopted says who adopted each idea", async () => {
    const { titles, entries } = await atom(await adoptedFeed());
    expect(titles).toHaveLength(1);
    expect(entries[0]!.summary!["#text"]).toContain("Adopted by Sara Staff; proposed by Ana <Autora> & Co.");
  });

  it("/ideas/:id/feed holds the status changes and official responses, never internal notes; a hidden idea has none", async () => {
    const { titles, entries } = await atom(await ideaFeed(args(makeRequest(`/ideas/${ideaId}/feed`), { id: String(ideaId) })));
    expect(titles).toEqual(["Adopted, by Sara Staff", "Official response from Sara Staff"]);
    expect(entries.map((entry) => entry.content?.["#text"])).toEqual(["<p>Shipped in May.</p>", "<p>We will &lt;b&gt;do&lt;/b&gt; it.</p>"]);
    expect(JSON.stringify(entries)).not.toContain("Internal");
    expect(((await call(() => ideaFeed(args(makeRequest(`/ideas/${hiddenId}/feed`), { id: String(hiddenId) })))) as Response).status).toBe(404);
  });

  it("/rss.xml sends readers to /feed", () => {
    const response = rss();
    expect([response.status, response.headers.get("Location")]).toEqual([301, "/feed"]);
  });
});
