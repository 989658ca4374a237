import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/use-translation";
import { usePercent } from "~/components/percent";
import { getListeningRecord } from "~/domain/listening.server";
import { getSite } from "~/domain/site.server";
import { now } from "~/lib/clock.server";
import { clsx } from "~/lib/clsx";
import { useFormatters } from "~/lib/format";
import { pageTitle } from "~/lib/meta";
import { notFound } from "~/web/responses.server";

/** `/listening`: the public record of how fast and how often the company answers, and who answers (unless an admin switched it off). */
export async function loader() {
  const site = await getSite();
  if (!site?.listeningPublic) throw notFound();
  return getListeningRecord({ now: now(), replyPromiseDays: site.replyPromiseDays });
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "listening.title");

function Figure({ label, value, detail, late }: { label: string; value: string; detail?: string; late?: boolean }) {
  return (
    <div className={clsx("card p-4", late && "border-red-300")}>
      <dt className="text-sm text-muted">{label}</dt>
      <dd className={clsx("mt-1 text-3xl font-semibold tabular-nums", late && "text-red-800")}>{value}</dd>
      {detail ? <dd className="mt-1 text-sm text-muted">{detail}</dd> : null}
    </div>
  );
}

export default function ListeningPage() {
  const { t } = useTranslation();
  const { formatDate, formatNumber, formatDuration: duration } = useFormatters();
  const percent = usePercent();
  const record = useLoaderData<typeof loader>();
  const late = record.medianLate;
  return (
    <>
      <h1 className="text-3xl font-bold">{t("listening.title")}</h1>
      <p className="mt-2 max-w-prose text-muted">{t("listening.intro", { count: record.replyPromiseDays })}</p>
      <p className="mt-1 text-sm text-muted">{t("listening.window", { from: formatDate(record.since), to: formatDate(record.until) })}</p>

      <dl className="mt-6 grid grid-cols-1 gap-4 sm:grid-cols-3">
        <Figure
          label={t("listening.median")}
          value={record.medianMs === null ? "—" : duration(record.medianMs)}
          detail={
            late
              ? t("listening.medianLate", { count: record.replyPromiseDays })
              : t("listening.answeredOf", { answered: formatNumber(record.answered), posted: formatNumber(record.posted) })
          }
          late={late}
        />
        <Figure
          label={t("listening.withinPromise", { count: record.replyPromiseDays })}
          value={record.decided > 0 ? percent(record.withinPromise / record.decided) : "—"}
          detail={t("listening.withinPromiseOf", { kept: formatNumber(record.withinPromise), decided: formatNumber(record.decided) })}
        />
        <Figure label={t("listening.adopted")} value={formatNumber(record.adopted)} />
      </dl>

      <section aria-labelledby="listening-staff" className="mt-10">
        <h2 id="listening-staff" className="text-xl font-semibold">
          {t("listening.staffTitle")}
        </h2>
        <p className="mt-1 max-w-prose text-sm text-muted">{t("listening.staffIntro")}</p>
        {record.staff.length === 0 ? (
          <p className="mt-3 text-sm text-muted">{t("listening.staffEmpty")}</p>
        ) : (
          <table className="mt-3 w-full max-w-xl border-collapse text-sm">
            <caption className="sr-only">{t("listening.staffTitle")}</caption>
            <thead>
              <tr className="border-b border-stone-300 text-left">
                <th scope="col" className="py-2 pr-4 font-semibold">
                  {t("listening.person")}
                </th>
                <th scope="col" className="py-2 text-right font-semibold">
                  {t("listening.answered")}
                </th>
              </tr>
            </thead>
            <tbody>
              {record.staff.map((person) => (
                <tr key={person.id} className="border-b border-stone-200">
                  <th scope="row" className="py-2 pr-4 text-left font-normal">
                    <Link to={`/people/${person.id}`} className="link font-medium">
                      {person.displayName}
                    </Link>
                    {person.jobTitle ? <span className="text-muted">, {person.jobTitle}</span> : null}
                  </th>
                  <td className="py-2 text-right tabular-nums">{formatNumber(person.answered)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <p className="mt-8 max-w-prose text-sm text-muted">
        {t("listening.howCounted", { count: record.replyPromiseDays })} <Link to="/team" className="link">{t("listening.meetTeam")}</Link>
      </p>
    </>
  );
}
