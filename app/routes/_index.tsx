import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams, useSubmit } from "@remix-run/react";
import { useTranslation } from "~/lib/use-translation";
import { IDEA_STATUSES } from "#db/schema";
import { EmptyState } from "~/components/empty-state";
import { categoryOptions, SelectField } from "~/components/forms";
import { IdeaRow } from "~/components/idea-row";
import { z } from "zod";
import { listCategories } from "~/domain/categories.server";
import { IDEA_SORTS } from "~/domain/idea-list";
import { listIdeas } from "~/domain/ideas.server";
import { replyPromiseContext } from "~/domain/reply-promise.server";
import { useFormatters } from "~/lib/format";
import { getSite } from "~/domain/site.server";
import { pageTitle } from "~/lib/meta";
import { limitRate } from "~/web/throttle.server";
import { feedLink } from "~/web/feeds.server";
import { getOptionalUser } from "~/web/session.server";

/** The list's query string; anything unknown falls back to the default. */
const listQuerySchema = z.object({
  sort: z.enum(IDEA_SORTS).catch("trending"),
  status: z.enum(IDEA_STATUSES).optional().catch(undefined),
  category: z.coerce.number().int().positive().optional().catch(undefined),
  q: z.string().trim().max(200).optional().catch(undefined),
  after: z.string().max(100).optional().catch(undefined),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const query = listQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  if (query.q) await limitRate({ context }, "search");
  const [page, categories, promise, site] = await Promise.all([listIdeas(query, user?.id ?? null), listCategories(), replyPromiseContext(), getSite()]);
  const filtered = Boolean(query.q || query.status || query.category);
  const category = categories.find(({ id }) => id === query.category);
  const feed = category ? await feedLink(`/feed/categories/${category.id}`, "feeds.category", { category: category.name }) : await feedLink("/feed", "feeds.ideas");
  return {
    query,
    ideas: page.ideas,
    nextCursor: page.nextCursor,
    filtered,
    // Sent with the page, so that the database schema (drizzle) stays out of the browser.
    sorts: IDEA_SORTS,
    statuses: IDEA_STATUSES,
    promise,
    categories: categories.map(({ id, name }) => ({ id, name })),
    feed,
    description: site?.description ?? "",
    // Paragraphs of the welcome text (plain text: blank lines part them).
    welcome: (site?.welcomeText ?? "").split(/\n\s*\n/).map((paragraph) => paragraph.trim()).filter(Boolean),
  };
}

// The site's short description is the home page's, for search engines as for visitors.
export const meta: MetaFunction<typeof loader> = ({ matches, data }) => [
  ...pageTitle(matches, "ideas.title"),
  ...(data ? [data.feed] : []),
  ...(data?.description ? [{ name: "description", content: data.description }] : []),
];

export default function IdeasPage() {
  const { t } = useTranslation();
  const { query, ideas, nextCursor, filtered, sorts, statuses, promise, categories, description, welcome } = useLoaderData<typeof loader>();
  const submit = useSubmit();
  const { formatNumber } = useFormatters();
  const activeFilters = [query.status, query.category].filter(Boolean).length;
  const [searchParams] = useSearchParams();
  const linkWith = (changes: Record<string, string | undefined>) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries({ ...query, after: undefined, ...changes })) {
      if (value !== undefined && value !== "" && !(key === "sort" && value === "trending")) params.set(key, String(value));
    }
    const search = params.toString();
    return search ? `/?${search}` : "/";
  };

  return (
    <>
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-3xl font-bold">{t("ideas.title")}</h1>
          <p className="mt-2 text-muted">{description || t("ideas.intro")}</p>
        </div>
        <Link to="/ideas/new" className="btn-primary">
          {t("ideas.post")}
        </Link>
      </div>

      {welcome.length > 0 ? (
        <section aria-label={t("ideas.welcome")} className="card mt-6 space-y-2 whitespace-pre-line">
          {welcome.map((paragraph, index) => (
            <p key={index}>{paragraph}</p>
          ))}
        </section>
      ) : null}

      {searchParams.get("deleted") ? (
        <p role="status" className="mt-4 rounded-md border border-green-300 bg-green-50 p-3 text-sm text-green-900">
          {t("ideas.deleted")}
        </p>
      ) : null}

      <Form
        method="get"
        role="search"
        aria-label={t("ideas.filters.label")}
        className="card mt-6 space-y-3 p-4"
        onChange={(event) => {
          // With JavaScript, the selects apply at once; typing in the search box waits for Enter.
          if ((event.target as HTMLElement).tagName === "SELECT") submit(event.currentTarget);
        }}
      >
        <div>
          <label htmlFor="q" className="block text-sm font-semibold">
            {t("ideas.filters.search")}
          </label>
          <input id="q" name="q" type="search" defaultValue={query.q ?? ""} className="input mt-1" />
        </div>
        {/* On a phone the filters fold behind a "Filter" button, which says how many are on;
            from the sm breakpoint they are always open (see .disclosure-until-sm). */}
        <details className="disclosure-until-sm group">
          <summary className="btn-secondary cursor-pointer list-none">
            {t("ideas.filters.toggle")}
            {activeFilters > 0 ? (
              <>
                <span aria-hidden="true" className="rounded-full bg-brand-700 px-2 text-xs text-white">
                  {formatNumber(activeFilters)}
                </span>
                <span className="sr-only">{t("ideas.filters.active", { count: activeFilters })}</span>
              </>
            ) : null}
            <span aria-hidden="true" className="transition-transform group-open:rotate-180">
              ▾
            </span>
          </summary>
          <div className="mt-3 flex flex-wrap items-end gap-3 sm:mt-0">
            <SelectField
              id="sort"
              name="sort"
              label={t("ideas.filters.sort")}
              defaultValue={query.sort}
              options={sorts.map((sort) => ({ value: sort, label: t(`ideas.sorts.${sort}`) }))}
              className="min-w-max flex-1"
            />
            <SelectField
              id="status"
              name="status"
              label={t("ideas.filters.status")}
              defaultValue={query.status ?? ""}
              options={[{ value: "", label: t("ideas.filters.anyStatus") }, ...statuses.map((status) => ({ value: status, label: t(`statuses.${status}.label`) }))]}
              className="min-w-max flex-1"
            />
            <SelectField
              id="category"
              name="category"
              label={t("ideas.filters.category")}
              defaultValue={query.category ?? ""}
              options={[{ value: "", label: t("ideas.filters.anyCategory") }, ...categoryOptions(categories)]}
              className="min-w-max flex-1"
            />
            <button type="submit" className="btn-secondary w-full sm:w-auto">
              {t("ideas.filters.apply")}
            </button>
          </div>
        </details>
      </Form>

      <section aria-labelledby="results-title" className="mt-6">
        <h2 id="results-title" className="sr-only">
          {query.q ? t("ideas.resultsFor", { q: query.q }) : t("ideas.results")}
        </h2>
        {ideas.length === 0 ? (
          filtered ? (
            <EmptyState title={t("ideas.noMatch.title")} body={t("ideas.noMatch.body")} action={{ to: "/", label: t("ideas.noMatch.action") }} />
          ) : query.after ? (
            <EmptyState title={t("ideas.endOfList.title")} body={t("ideas.endOfList.body")} action={{ to: linkWith({}), label: t("ideas.firstPage") }} />
          ) : (
            <EmptyState title={t("ideas.empty.title")} body={t("ideas.empty.body")} action={{ to: "/ideas/new", label: t("ideas.empty.action") }} />
          )
        ) : (
          <ol className="space-y-3">
            {ideas.map((idea) => (
              <IdeaRow key={idea.id} idea={idea} promise={promise} />
            ))}
          </ol>
        )}
      </section>

      {query.after || nextCursor ? (
        <nav aria-label={t("ideas.pagination")} className="mt-6 flex justify-between">
          {query.after ? (
            <Link to={linkWith({})} className="btn-secondary">
              {t("ideas.firstPage")}
            </Link>
          ) : (
            <span />
          )}
          {nextCursor ? (
            <Link to={linkWith({ after: nextCursor })} className="btn-secondary" rel="next">
              {t("ideas.nextPage")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}
