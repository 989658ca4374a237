import type { MetaDescriptor } from "@remix-run/node";
import { getSite } from "~/domain/site.server";
import { appUrl } from "~/lib/app-url.server";
import { atomFeed, type AtomEntry } from "~/lib/atom";
import { translatorFor } from "~/lib/i18n";
import { ideaPath } from "~/lib/paths";

/**
 * The `<link rel="alternate">` that lets feed readers find a page's Atom feed, titled as the feed
 * itself is (`key`, in the site's language). Made by the page's loader and passed on by its
 * `meta` as it is, so that the pages' first download carries no code for it (the idea page is
 * at its JavaScript budget).
 */
export async function feedLink(href: string, key: string, values: Record<string, unknown> = {}): Promise<MetaDescriptor> {
  const site = await getSite();
  const title = translatorFor(site?.defaultLocale ?? "en")(key, { ...values, site: site?.name ?? "Tertulia" });
  return { tagName: "link", rel: "alternate", type: "application/atom+xml", href, title };
}

/** An Atom document as an HTTP answer; readers poll, so it may be cached for a few minutes. */
export function atomResponse(feed: Parameters<typeof atomFeed>[0]) {
  return new Response(atomFeed(feed), { headers: { "Content-Type": "application/atom+xml; charset=utf-8", "Cache-Control": "public, max-age=300" } });
}

/** A feed of ideas, as the site's, a category's and a challenge's feeds list them. */
export function ideasFeed(input: {
  title: string;
  selfPath: string;
  alternatePath: string;
  ideas: Array<{ id: number; title: string; text: string; createdAt: Date; editedAt: Date | null; authorName: string }>;
}) {
  const entries: AtomEntry[] = input.ideas.map((idea) => ({
    id: appUrl(`/ideas/${idea.id}`),
    title: idea.title,
    url: appUrl(ideaPath(idea)),
    updated: idea.editedAt ?? idea.createdAt,
    published: idea.createdAt,
    author: idea.authorName,
    summary: idea.text.length > 1000 ? `${idea.text.slice(0, 1000)}…` : idea.text,
  }));
  return atomResponse({
    id: appUrl(input.selfPath),
    title: input.title,
    selfUrl: appUrl(input.selfPath),
    alternateUrl: appUrl(input.alternatePath),
    updated: entries.reduce((latest, entry) => (entry.updated > latest ? entry.updated : latest), new Date(0)),
    entries,
  });
}
