import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSubmit } from "@remix-run/react";
import { useTranslation } from "~/lib/use-translation";
import { categoryOptions, SelectField } from "~/components/forms";
import { CategoryTag, WinnerBadge } from "~/components/idea-badges";
import { ReplyLine } from "~/components/idea-standing";
import { getRoadmap } from "~/domain/boards.server";
import { listCategories } from "~/domain/categories.server";
import { ROADMAP_COLUMNS } from "~/domain/idea-lifecycle";
import { replyPromiseContext } from "~/domain/reply-promise.server";
import { ideaPath } from "~/lib/paths";
import { useFormatters } from "~/lib/format";
import { pageTitle } from "~/lib/meta";
import { numberParam } from "~/web/params";

export async function loader({ request }: LoaderFunctionArgs) {
  const category = numberParam(request, "category");
  const [columns, categories, promise] = await Promise.all([getRoadmap(category), listCategories(), replyPromiseContext()]);
  return { category: category ?? null, columns, promise, categories: categories.map(({ id, name }) => ({ id, name })) };
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "roadmap.title");

export default function RoadmapPage() {
  const { t } = useTranslation();
  const { formatNumber } = useFormatters();
  const { category, columns, promise, categories } = useLoaderData<typeof loader>();
  const submit = useSubmit();
  return (
    <>
      <h1 className="text-3xl font-bold">{t("roadmap.title")}</h1>
      <p className="mt-2 text-muted">{t("roadmap.intro")}</p>
      <Form method="get" className="mt-4 flex items-end gap-2" onChange={(event) => submit(event.currentTarget)}>
        <SelectField
          id="category"
          name="category"
          label={t("ideas.filters.category")}
          defaultValue={category ?? ""}
          options={[{ value: "", label: t("ideas.filters.anyCategory") }, ...categoryOptions(categories)]}
        />
        <button type="submit" className="btn-secondary">
          {t("ideas.filters.apply")}
        </button>
      </Form>
      <div className="mt-6 grid gap-4 md:grid-cols-3">
        {ROADMAP_COLUMNS.map((status) => (
          <section key={status} aria-labelledby={`column-${status}`} className="rounded-lg bg-stone-100 p-3">
            <h2 id={`column-${status}`} className="px-1 text-lg font-semibold">
              {t(status === "adopted" ? "roadmap.recentlyAdopted" : `statuses.${status}.label`)}{" "}
              <span className="text-sm font-normal text-muted">({formatNumber(columns[status].length)})</span>
            </h2>
            {columns[status].length === 0 ? (
              <p className="mt-3 px-1 text-sm text-muted">{t("roadmap.emptyColumn")}</p>
            ) : (
              <ul className="mt-3 space-y-2">
                {columns[status].map((idea) => (
                  <li key={idea.id} className="rounded-md border border-stone-200 bg-white p-3">
                    <Link to={ideaPath(idea)} className="font-medium hover:text-brand-700 hover:underline">
                      {idea.title}
                    </Link>
                    <p className="mt-1 flex flex-wrap items-center gap-3 text-xs text-muted">
                      <span>{t("votes.count", { count: idea.voteCount, formatted: formatNumber(idea.voteCount) })}</span>
                      <ReplyLine createdAt={idea.createdAt} firstResponse={idea.firstResponse} promise={promise} />
                      {idea.winner ? <WinnerBadge winner={idea.winner} /> : null}
                      {idea.categoryName && idea.categoryColour ? <CategoryTag category={{ name: idea.categoryName, colour: idea.categoryColour }} /> : null}
                    </p>
                  </li>
                ))}
              </ul>
            )}
          </section>
        ))}
      </div>
      <p className="mt-6">
        <Link to="/adopted" className="link">
          {t("roadmap.allAdopted")}
        </Link>
      </p>
    </>
  );
}
