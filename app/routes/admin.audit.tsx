import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { EmptyState } from "~/components/empty-state";
import { listAudit } from "~/domain/audit.server";
import { useFormatters } from "~/lib/format";
import { pageTitle } from "~/lib/meta";
import { requireUser } from "~/web/guards.server";
import { numberParam } from "~/web/params";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: "admin" });
  return listAudit(numberParam(request, "before"));
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "audit.title");

function targetHref(type: string, id: string) {
  if (type === "idea") return `/ideas/${id}`;
  if (type === "person") return `/people/${id}`;
  if (type === "challenge") return `/admin/challenges/${id}`;
  return null;
}

export default function AuditPage() {
  const { t } = useTranslation();
  const { formatDateTime } = useFormatters();
  const { entries, nextBefore } = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="text-3xl font-bold">{t("audit.title")}</h1>
      <p className="mt-2 text-muted">{t("audit.intro")}</p>
      {entries.length === 0 ? (
        <div className="mt-6">
          <EmptyState title={t("audit.empty.title")} body={t("audit.empty.body")} />
        </div>
      ) : (
        <table className="mt-6 w-full border-collapse text-sm">
          <caption className="sr-only">{t("audit.title")}</caption>
          <thead>
            <tr className="border-b border-stone-300 text-left">
              <th scope="col" className="p-2">{t("audit.when")}</th>
              <th scope="col" className="p-2">{t("audit.who")}</th>
              <th scope="col" className="p-2">{t("audit.what")}</th>
              <th scope="col" className="p-2">{t("audit.target")}</th>
              <th scope="col" className="p-2">{t("audit.details")}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => {
              const href = targetHref(entry.targetType, entry.targetId);
              return (
                <tr key={entry.id} className="border-b border-stone-200 align-top">
                  <td className="whitespace-nowrap p-2">{formatDateTime(entry.createdAt)}</td>
                  <td className="p-2">{entry.actorName ?? "—"}</td>
                  <td className="p-2">{t(`audit.actions.${entry.action}`)}</td>
                  <td className="p-2">
                    {href ? (
                      <Link to={href} className="link">
                        {t(`audit.targets.${entry.targetType}`)} {entry.targetId}
                      </Link>
                    ) : (
                      `${t(`audit.targets.${entry.targetType}`)} ${entry.targetId}`
                    )}
                  </td>
                  <td className="p-2 font-mono text-xs">
                    {Object.entries(entry.details)
                      .map(([key, value]) => `${key}: ${String(value)}`)
                      .join(", ")}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {nextBefore ? (
        <Link to={`?before=${nextBefore}`} className="btn-secondary mt-6">
          {t("audit.older")}
        </Link>
      ) : null}
    </>
  );
}
