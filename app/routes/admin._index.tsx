import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/use-translation";
import { adminOverview } from "~/domain/overview.server";
import { hasRole } from "~/domain/roles";
import { useFormatters } from "~/lib/format";
import { pageTitle } from "~/lib/meta";
import { requireUser } from "~/web/guards.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: "staff" });
  return { isAdmin: hasRole(user, "admin"), displayName: user.displayName, overview: await adminOverview() };
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "admin.overview.title");

/** The staff area's first page: what needs doing now, and (for admins) what is left to set up. */
export default function AdminOverview() {
  const { t } = useTranslation();
  const { formatNumber } = useFormatters();
  const { isAdmin, displayName, overview } = useLoaderData<typeof loader>();
  const steps = [
    { key: "categories", done: overview.setup.categories, to: "/admin/categories" },
    { key: "team", done: overview.setup.team, to: "/admin/team" },
    { key: "photos", done: overview.setup.staffWithoutPhoto === 0, to: "/admin/team", count: overview.setup.staffWithoutPhoto },
  ] as const;
  const todo = steps.filter((step) => !step.done);
  return (
    <>
      <h1 className="text-3xl font-bold">{t("admin.overview.title")}</h1>
      <p className="mt-2 text-muted">{t("admin.overview.welcome", { name: displayName })}</p>

      <section aria-labelledby="overview-now" className="mt-6">
        <h2 id="overview-now" className="text-lg font-semibold">
          {t("admin.overview.nowTitle")}
        </h2>
        <ul className="mt-3 grid gap-4 sm:grid-cols-3">
          <li className="card">
            <Link to="/admin/triage" className="link text-2xl font-bold">
              {formatNumber(overview.waiting)}
            </Link>
            <p className="text-sm">{t("admin.overview.waiting", { count: overview.waiting })}</p>
          </li>
          <li className={overview.overdue > 0 ? "card border-red-300 bg-red-50" : "card"}>
            <Link to="/admin/triage" className={overview.overdue > 0 ? "text-2xl font-bold text-red-900 underline" : "link text-2xl font-bold"}>
              {formatNumber(overview.overdue)}
            </Link>
            <p className="text-sm">{t("admin.overview.overdue", { count: overview.promiseDays })}</p>
          </li>
          <li className="card">
            <Link to="/admin/moderation" className="link text-2xl font-bold">
              {formatNumber(overview.openReports)}
            </Link>
            <p className="text-sm">{t("admin.overview.reports", { count: overview.openReports })}</p>
          </li>
        </ul>
      </section>

      {isAdmin && todo.length > 0 ? (
        <section aria-labelledby="overview-setup" className="card mt-6">
          <h2 id="overview-setup" className="text-lg font-semibold">
            {t("admin.overview.setupTitle")}
          </h2>
          <ul className="mt-3 space-y-2">
            {todo.map((step) => (
              <li key={step.key}>
                <Link to={step.to} className="link">
                  {t(`admin.overview.setup.${step.key}`, { count: "count" in step ? step.count : 0 })}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
