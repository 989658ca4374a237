import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/use-translation";
import { EmptyState } from "~/components/empty-state";
import { listAdopted } from "~/domain/boards.server";
import { ideaPath } from "~/lib/paths";
import { useFormatters } from "~/lib/format";
import { pageTitle } from "~/lib/meta";
import { feedLink } from "~/web/feeds.server";
import { numberParam } from "~/web/params";

export async function loader({ request }: LoaderFunctionArgs) {
  const before = numberParam(request, "before");
  const [adopted, feed] = await Promise.all([listAdopted(before === undefined ? undefined : new Date(before)), feedLink("/feed/adopted", "feeds.adopted")]);
  return { ...adopted, feed };
}

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => [...pageTitle(matches, "adopted.title"), ...(data ? [data.feed] : [])];

export default function AdoptedPage() {
  const { t } = useTranslation();
  const { formatDate, formatNumber } = useFormatters();
  const { ideas, nextBefore } = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="text-3xl font-bold">{t("adopted.title")}</h1>
      <p className="mt-2 max-w-prose text-muted">{t("adopted.intro")}</p>
      {ideas.length === 0 ? (
        <div className="mt-8">
          <EmptyState title={t("adopted.empty.title")} body={t("adopted.empty.body")} action={{ to: "/", label: t("adopted.empty.action") }} />
        </div>
      ) : (
        <ol className="mt-6 space-y-3">
          {ideas.map((idea) => (
            <li key={idea.id} className="card p-4">
              <h2 className="text-lg font-semibold">
                <Link to={ideaPath(idea)} className="hover:text-brand-700 hover:underline">
                  {idea.title}
                </Link>
              </h2>
              <p className="mt-1 line-clamp-2 text-sm text-muted">{idea.excerpt}</p>
              <p className="mt-2 text-sm">
                {t("adopted.proposedBy")}{" "}
                <Link to={`/people/${idea.proposerId}`} className="font-medium underline">
                  {idea.proposerName}
                </Link>
                {idea.adopterId ? (
                  <>
                    {" · "}
                    {t("adopted.adoptedBy")}{" "}
                    <Link to={`/people/${idea.adopterId}`} className="font-medium underline">
                      {idea.adopterTitle ? `${idea.adopterName}, ${idea.adopterTitle}` : idea.adopterName}
                    </Link>
                  </>
                ) : null}
                {idea.adoptedAt ? ` · ${formatDate(idea.adoptedAt)}` : null}
                {" · "}
                {t("votes.count", { count: idea.voteCount, formatted: formatNumber(idea.voteCount) })}
              </p>
            </li>
          ))}
        </ol>
      )}
      {nextBefore ? (
        <Link to={`?before=${nextBefore}`} className="btn-secondary mt-6">
          {t("adopted.older")}
        </Link>
      ) : null}
    </>
  );
}
