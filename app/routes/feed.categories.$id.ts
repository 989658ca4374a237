import type { LoaderFunctionArgs } from "@remix-run/node";
import { getActiveCategory } from "~/domain/categories.server";
import { latestIdeas } from "~/domain/feeds.server";
import { getSite } from "~/domain/site.server";
import { translatorFor } from "~/lib/i18n";
import { ideasFeed } from "~/web/feeds.server";
import { idFrom } from "~/web/params";
import { notFound } from "~/web/responses.server";

/** GET /feed/categories/:id — the newest ideas of a category, as Atom. */
export async function loader({ params }: LoaderFunctionArgs) {
  const category = await getActiveCategory(idFrom(params.id));
  if (!category) throw notFound();
  const [site, ideas] = await Promise.all([getSite(), latestIdeas({ categoryId: category.id })]);
  const t = translatorFor(site?.defaultLocale ?? "en");
  return ideasFeed({
    title: t("feeds.category", { category: category.name, site: site?.name ?? "Tertulia" }),
    selfPath: `/feed/categories/${category.id}`,
    alternatePath: `/?sort=new&category=${category.id}`,
    ideas,
  });
}
