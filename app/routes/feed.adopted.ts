import { listAdopted } from "~/domain/boards.server";
import { getSite } from "~/domain/site.server";
import { appUrl } from "~/lib/app-url.server";
import { translatorFor } from "~/lib/i18n";
import { ideaPath } from "~/lib/paths";
import { atomResponse } from "~/web/feeds.server";

/** GET /feed/adopted — what was adopted, newest first, as Atom: each entry says who adopted it. */
export async function loader() {
  const [site, adopted] = await Promise.all([getSite(), listAdopted()]);
  const t = translatorFor(site?.defaultLocale ?? "en");
  const entries = adopted.ideas.map((idea) => ({
    id: `${appUrl(`/ideas/${idea.id}`)}#adopted`,
    title: idea.title,
    url: appUrl(ideaPath(idea)),
    updated: idea.adoptedAt!,
    author: idea.adopterName ?? idea.proposerName,
    summary: [t("feeds.adoptedBy", { adopter: idea.adopterName ?? "", proposer: idea.proposerName }), idea.excerpt].join("\n\n"),
  }));
  return atomResponse({
    id: appUrl("/feed/adopted"),
    title: t("feeds.adopted", { site: site?.name ?? "Tertulia" }),
    selfUrl: appUrl("/feed/adopted"),
    alternateUrl: appUrl("/adopted"),
    updated: entries[0]?.updated ?? new Date(0),
    entries,
  });
}
