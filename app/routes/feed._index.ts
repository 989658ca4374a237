import { latestIdeas } from "~/domain/feeds.server";
import { getSite } from "~/domain/site.server";
import { translatorFor } from "~/lib/i18n";
import { ideasFeed } from "~/web/feeds.server";

/** GET /feed — the newest ideas, as Atom. */
export async function loader() {
  const [site, ideas] = await Promise.all([getSite(), latestIdeas()]);
  const t = translatorFor(site?.defaultLocale ?? "en");
  return ideasFeed({ title: t("feeds.ideas", { site: site?.name ?? "Tertulia" }), selfPath: "/feed", alternatePath: "/?sort=new", ideas });
}
