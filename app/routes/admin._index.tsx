import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getSite } from "~/domain/site.server";
import { pageTitle } from "~/lib/meta";
import { requireUser } from "~/web/guards.server";
import { hasRole } from "~/domain/roles";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: "staff" });
  const site = (await getSite())!;
  return { isAdmin: hasRole(user, "admin"), replyPromiseDays: site.replyPromiseDays, displayName: user.displayName };
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "admin.overview.title");

export default function AdminOverview() {
  const { t } = useTranslation();
  const { isAdmin, replyPromiseDays, displayName } = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="text-3xl font-bold">{t("admin.overview.title")}</h1>
      <p className="mt-2 text-muted">{t("admin.overview.welcome", { name: displayName })}</p>
      <div className="card mt-6">
        <h2 className="text-lg font-semibold">{t("admin.overview.promiseTitle")}</h2>
        <p className="mt-1">{t("admin.overview.promise", { count: replyPromiseDays })}</p>
      </div>
      {isAdmin ? (
        <div className="card mt-6">
          <h2 className="text-lg font-semibold">{t("admin.overview.teamTitle")}</h2>
          <p className="mt-1 text-muted">{t("admin.overview.teamBody")}</p>
          <Link to="/admin/team" className="btn-secondary mt-4">
            {t("admin.overview.teamAction")}
          </Link>
        </div>
      ) : null}
    </>
  );
}
