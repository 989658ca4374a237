import type { LoaderFunctionArgs } from "@remix-run/node";
import { ideaUpdates } from "~/domain/feeds.server";
import { getIdea } from "~/domain/ideas.server";
import { getSite } from "~/domain/site.server";
import { appUrl } from "~/lib/app-url.server";
import { translatorFor } from "~/lib/i18n";
import { ideaPath } from "~/lib/paths";
import { atomResponse } from "~/web/feeds.server";
import { ideaIdFrom } from "~/web/params";
import { notFound } from "~/web/responses.server";

/** GET /ideas/:id/feed — one idea's public updates (status changes, official responses), as Atom. */
export async function loader({ params }: LoaderFunctionArgs) {
  const idea = await getIdea(ideaIdFrom(params.id), null);
  if (!idea || idea.hidden) throw notFound();
  const [site, updates] = await Promise.all([getSite(), ideaUpdates(idea.id)]);
  const t = translatorFor(site?.defaultLocale ?? "en");
  const page = appUrl(ideaPath(idea));
  const entries = updates.flatMap((update) => {
    const author = update.actorTitle ? `${update.actorName} (${update.actorTitle})` : update.actorName;
    if (update.kind === "official_response") {
      if (!update.commentHtml || update.commentGone || update.commentHidden) return [];
      return [{ id: `${page}#update-${update.id}`, title: t("feeds.officialResponse", { name: update.actorName }), url: page, updated: update.createdAt, author, contentHtml: update.commentHtml }];
    }
    const status = update.toStatus ? t(`statuses.${update.toStatus}.label`) : "";
    return [{ id: `${page}#update-${update.id}`, title: t("feeds.statusChange", { status, name: update.actorName }), url: page, updated: update.createdAt, author, contentHtml: update.noteHtml ?? undefined }];
  });
  return atomResponse({
    id: appUrl(`/ideas/${idea.id}/feed`),
    title: t("feeds.idea", { idea: idea.title, site: site?.name ?? "Tertulia" }),
    selfUrl: appUrl(`/ideas/${idea.id}/feed`),
    alternateUrl: page,
    updated: entries[0]?.updated ?? idea.createdAt,
    entries,
  });
}
