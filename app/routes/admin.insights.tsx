import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "~/lib/use-translation";
import { SelectField } from "~/components/forms";
import { BarList, ColumnChart } from "~/components/insights-charts";
import { usePercent } from "~/components/percent";
import { listCategories } from "~/domain/categories.server";
import { listAllChallenges } from "~/domain/challenges.server";
import { IDEA_STATUSES } from "#db/schema";
import { DAY_MS, PERIOD_CHOICES } from "~/domain/insights-period";
import { INSIGHTS_FRESH_MS, keptInsights } from "~/domain/insights.server";
import { getSite } from "~/domain/site.server";
import { clsx } from "~/lib/clsx";
import { formatZonedDateTime, useFormatters } from "~/lib/format";
import { pageTitle } from "~/lib/meta";
import { challengePath, ideaPath } from "~/lib/paths";
import { requireUser } from "~/web/guards.server";
import { insightsQuery, parseInsightsFilters } from "~/web/insights-filters.server";
import { formatInTimeZone } from "date-fns-tz";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: "staff" });
  const { form, ask, timeZone, error } = parseInsightsFilters(request);
  const site = (await getSite())!;
  const [{ insights, countedAt, period }, categories, challenges] = await Promise.all([
    keptInsights(ask, site.replyPromiseDays),
    listCategories({ includeArchived: true }),
    listAllChallenges(),
  ]);
  const query = insightsQuery(form);
  return {
    form,
    error,
    period: { firstDay: period.firstDay, lastDay: period.lastDay, byWeek: period.bucketMs > DAY_MS },
    // Each chart column's first day, in the reader's calendar.
    buckets: insights.activity.series.map((bucket) => formatInTimeZone(bucket.start, timeZone, "yyyy-MM-dd")),
    insights,
    // The figures are kept a few minutes (decisions 0021, 0024): the page says when they were counted.
    counted: { at: countedAt, timeZone, freshMinutes: INSIGHTS_FRESH_MS / 60_000 },
    promiseDays: site.replyPromiseDays,
    categories: categories.map(({ id, name }) => ({ id, name })),
    challenges: challenges.map(({ id, title }) => ({ id, title })),
    exports: {
      ideas: `/admin/insights/ideas.csv${query}`,
      votes: `/admin/insights/votes.csv${query}`,
      comments: `/admin/insights/comments.csv${query}`,
    },
    // The lists behind the figures, with the same category.
    listQuery: form.category ? `category=${form.category}` : "",
  };
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "insights.title");

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

/** "+12 %" / "−3 %" against the period before; nothing when it had none to compare with. */
function useChange() {
  const { i18n } = useTranslation();
  const percent = new Intl.NumberFormat(i18n.language, { style: "percent", signDisplay: "exceptZero", maximumFractionDigits: 0 });
  return (current: number, previous: number) => (previous > 0 ? percent.format((current - previous) / previous) : undefined);
}


function Figure(props: { label: string; value: string; previous?: string; change?: string; href?: string; late?: boolean; lateLabel?: string }) {
  const { t } = useTranslation();
  const value = props.href ? (
    <Link to={props.href} className="link">
      {props.value}
    </Link>
  ) : (
    props.value
  );
  return (
    <div className={clsx("rounded border p-3", props.late ? "border-red-300 bg-red-50" : "border-stone-200 bg-white")}>
      <dt className="text-sm text-muted">{props.label}</dt>
      <dd className={clsx("mt-1 text-2xl font-semibold tabular-nums", props.late && "text-red-800")}>
        {value}
        {props.late ? <span className="ml-2 align-middle text-sm font-medium">{props.lateLabel ?? t("insights.late")}</span> : null}
      </dd>
      {props.previous !== undefined ? (
        <dd className="mt-1 text-xs text-muted">{t(props.change ? "insights.previousChange" : "insights.previous", { value: props.previous, change: props.change })}</dd>
      ) : null}
    </div>
  );
}

function Section(props: { id: string; title: string; intro?: string; children: ReactNode }) {
  return (
    <section aria-labelledby={props.id} className="mt-10">
      <h2 id={props.id} className="text-xl font-semibold">
        {props.title}
      </h2>
      {props.intro ? <p className="mt-1 text-sm text-muted">{props.intro}</p> : null}
      {props.children}
    </section>
  );
}

function Table(props: { caption: string; head: string[]; rows: ReactNode[][]; empty: string }) {
  if (props.rows.length === 0) return <p className="mt-3 text-sm text-muted">{props.empty}</p>;
  return (
    <div className="mt-3 overflow-x-auto">
      <table className="w-full border-collapse text-sm">
        <caption className="sr-only">{props.caption}</caption>
        <thead>
          <tr className="border-b border-stone-300 text-left">
            {props.head.map((cell, index) => (
              <th key={cell} scope="col" className={clsx("p-2", index > 0 && "text-right")}>
                {cell}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row, rowIndex) => (
            <tr key={rowIndex} className="border-b border-stone-200">
              {row.map((cell, index) =>
                index === 0 ? (
                  <th key={index} scope="row" className="p-2 text-left font-normal">
                    {cell}
                  </th>
                ) : (
                  <td key={index} className="p-2 text-right tabular-nums">
                    {cell}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function PeriodForm({ data }: { data: Data }) {
  const { t } = useTranslation();
  const { form, error } = data;
  return (
    <Form method="get" className="mt-6 grid gap-4 rounded border border-stone-200 p-4 sm:grid-cols-2 xl:grid-cols-3" aria-label={t("insights.filters.label")}>
      <SelectField
        id="insights-period"
        name="period"
        label={t("insights.filters.period")}
        defaultValue={form.period}
        options={PERIOD_CHOICES.map((choice) => ({ value: choice, label: t(`insights.periods.${choice}`) }))}
      />
      {(["from", "to"] as const).map((field) => (
        <div key={field}>
          <label htmlFor={`insights-${field}`} className="block text-sm font-semibold">
            {t(`insights.filters.${field}`)}
          </label>
          <input
            id={`insights-${field}`}
            type="date"
            name={field}
            defaultValue={form[field]}
            className="input mt-1 w-full"
            aria-describedby={error ? "insights-range-error" : "insights-range-hint"}
            aria-invalid={error ? true : undefined}
          />
        </div>
      ))}
      <SelectField
        id="insights-category"
        name="category"
        label={t("insights.filters.category")}
        defaultValue={form.category}
        options={[{ value: "", label: t("insights.filters.anyCategory") }, ...data.categories.map((category) => ({ value: String(category.id), label: category.name }))]}
      />
      <SelectField
        id="insights-challenge"
        name="challenge"
        label={t("insights.filters.challenge")}
        defaultValue={form.challenge}
        options={[{ value: "", label: t("insights.filters.anyChallenge") }, ...data.challenges.map((challenge) => ({ value: String(challenge.id), label: challenge.title }))]}
      />
      <div className="sm:col-span-2 xl:col-span-3">
        {error ? (
          <p id="insights-range-error" className="mb-2 text-sm text-red-700">
            {t(error)}
          </p>
        ) : (
          <p id="insights-range-hint" className="mb-2 text-sm text-muted">
            {t("insights.filters.rangeHint")}
          </p>
        )}
        <button type="submit" className="btn-primary">
          {t("insights.filters.apply")}
        </button>
      </div>
    </Form>
  );
}

export default function InsightsPage() {
  const data = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const { formatNumber, formatDate, formatDuration: duration } = useFormatters();
  const change = useChange();
  const { insights, promiseDays, listQuery } = data;
  const { activity, listening, outcomes, demand } = insights;
  const dayLabel = (day: string) => formatDate(`${day}T12:00:00Z`);
  const percent = usePercent();
  const percentOf = (part: number, whole: number) => (whole > 0 ? percent(part / whole) : "—");
  const promiseMs = promiseDays * DAY_MS;
  const listWith = (extra: string) => `/?${[extra, listQuery].filter(Boolean).join("&")}`;
  const triage = `/admin/triage${listQuery ? `?${listQuery}` : ""}`;

  const series = (field: "ideas" | "votes" | "comments" | "participants") =>
    activity.series.map((bucket, index) => ({ label: dayLabel(data.buckets[index]!), value: bucket[field] }));

  return (
    <>
      <h1 className="text-3xl font-bold">{t("insights.title")}</h1>
      <p className="mt-2 text-muted">
        {t(data.period.byWeek ? "insights.introWeeks" : "insights.introDays", { from: dayLabel(data.period.firstDay), to: dayLabel(data.period.lastDay) })}
      </p>
      <p className="mt-1 text-sm text-muted">
        {t("insights.countedAt", { time: formatZonedDateTime(i18n.language, data.counted.timeZone, data.counted.at), count: data.counted.freshMinutes })}
      </p>
      <PeriodForm data={data} />

      <Section id="activity" title={t("insights.activity.title")} intro={t("insights.activity.intro")}>
        <dl className="mt-4 grid grid-cols-2 gap-3 md:grid-cols-3">
          {(["ideas", "votes", "comments", "participants", "newParticipants", "returningParticipants"] as const).map((field) => (
            <Figure
              key={field}
              label={t(`insights.activity.${field}`)}
              value={formatNumber(activity.current[field])}
              previous={formatNumber(activity.previous[field])}
              change={change(activity.current[field], activity.previous[field])}
              href={field === "ideas" ? listWith("sort=new") : undefined}
            />
          ))}
        </dl>
        <div className="grid gap-x-6 lg:grid-cols-2">
          {(["ideas", "votes", "comments", "participants"] as const).map((field) => (
            <ColumnChart
              key={field}
              title={t(data.period.byWeek ? `insights.activity.perWeek.${field}` : `insights.activity.perDay.${field}`)}
              columns={[t(data.period.byWeek ? "insights.weekOf" : "insights.day"), t(`insights.activity.${field}`)]}
              points={series(field)}
              format={formatNumber}
            />
          ))}
        </div>
      </Section>

      <Section id="listening" title={t("insights.listening.title")} intro={t("insights.listening.intro", { count: promiseDays })}>
        <dl className="mt-4 grid grid-cols-2 gap-3 md:grid-cols-3">
          <Figure
            label={t("insights.listening.median")}
            value={listening.current.medianMs === null ? "—" : duration(listening.current.medianMs)}
            previous={listening.previous.medianMs === null ? "—" : duration(listening.previous.medianMs)}
            late={listening.current.medianMs !== null && listening.current.medianMs > promiseMs}
          />
          <Figure
            label={t("insights.listening.p90")}
            value={listening.current.p90Ms === null ? "—" : duration(listening.current.p90Ms)}
            previous={listening.previous.p90Ms === null ? "—" : duration(listening.previous.p90Ms)}
            late={listening.current.p90Ms !== null && listening.current.p90Ms > promiseMs}
          />
          <Figure
            label={t("insights.listening.withinPromise", { count: promiseDays })}
            value={percentOf(listening.current.withinPromise, listening.current.decided)}
            previous={percentOf(listening.previous.withinPromise, listening.previous.decided)}
          />
          <Figure label={t("insights.listening.answered")} value={`${formatNumber(listening.current.answered)} / ${formatNumber(listening.current.posted)}`} href={listWith("sort=new")} />
          <Figure label={t("insights.listening.waiting")} value={formatNumber(listening.waiting)} href={triage} />
          <Figure label={t("insights.listening.overdue")} value={formatNumber(listening.overdue)} href={triage} late={listening.overdue > 0} lateLabel={t("insights.listening.overdueLabel")} />
        </dl>

        <h3 className="mt-6 font-semibold">{t("insights.listening.byStaff")}</h3>
        <BarList
          title={t("insights.listening.byStaffChart")}
          columns={[t("insights.person"), t("insights.listening.answeredFirst")]}
          points={listening.byStaff.map((person) => ({ label: person.name, value: person.answeredFirst, href: `/people/${person.personId}` }))}
          format={formatNumber}
        />
        <Table
          caption={t("insights.listening.byStaff")}
          head={[t("insights.person"), t("insights.listening.answeredFirst"), t("insights.listening.inTime"), t("insights.listening.medianShort"), t("insights.listening.replies")]}
          empty={t("insights.none")}
          rows={listening.byStaff.map((person) => [
            <Link key="name" to={`/people/${person.personId}`} className="link">
              {person.name}
            </Link>,
            formatNumber(person.answeredFirst),
            percentOf(person.withinPromise, person.answeredFirst),
            person.medianMs === null ? "—" : <span className={clsx(person.medianMs > promiseMs && "font-semibold text-red-800")}>{duration(person.medianMs)}</span>,
            formatNumber(person.replies),
          ])}
        />

        <h3 className="mt-6 font-semibold">{t("insights.listening.byCategory")}</h3>
        <Table
          caption={t("insights.listening.byCategory")}
          head={[t("insights.category"), t("insights.listening.posted"), t("insights.listening.answeredShort"), t("insights.listening.inTime"), t("insights.listening.medianShort")]}
          empty={t("insights.none")}
          rows={listening.byCategory.map((category) => [
            <Link key="name" to={category.categoryId === null ? "/?sort=new" : `/?category=${category.categoryId}&sort=new`} className="link">
              {category.name ?? t("insights.noCategory")}
            </Link>,
            formatNumber(category.posted),
            formatNumber(category.answered),
            percentOf(category.withinPromise, category.answered),
            category.medianMs === null ? "—" : <span className={clsx(category.medianMs > promiseMs && "font-semibold text-red-800")}>{duration(category.medianMs)}</span>,
          ])}
        />
      </Section>

      <Section id="outcomes" title={t("insights.outcomes.title")} intro={t("insights.outcomes.intro")}>
        <dl className="mt-4 grid grid-cols-2 gap-3 md:grid-cols-3">
          <Figure
            label={t("insights.outcomes.adopted")}
            value={formatNumber(outcomes.current.adoptedInPeriod)}
            previous={formatNumber(outcomes.previous.adoptedInPeriod)}
            change={change(outcomes.current.adoptedInPeriod, outcomes.previous.adoptedInPeriod)}
            href="/adopted"
          />
          <Figure
            label={t("insights.outcomes.rate")}
            value={percentOf(outcomes.current.adoptedOfPosted, outcomes.current.posted)}
            previous={percentOf(outcomes.previous.adoptedOfPosted, outcomes.previous.posted)}
          />
          <Figure
            label={t("insights.outcomes.timeToAdoption")}
            value={outcomes.current.medianToAdoptionMs === null ? "—" : duration(outcomes.current.medianToAdoptionMs)}
            previous={outcomes.previous.medianToAdoptionMs === null ? "—" : duration(outcomes.previous.medianToAdoptionMs)}
          />
        </dl>
        <BarList
          title={t("insights.outcomes.funnel")}
          columns={[t("insights.status"), t("insights.activity.ideas")]}
          points={IDEA_STATUSES.map((status) => ({ label: t(`statuses.${status}.label`), value: outcomes.current.byStatus[status] ?? 0, href: listWith(`status=${status}`) }))}
          format={formatNumber}
        />
        <h3 className="mt-6 font-semibold">{t("insights.outcomes.byAdopter")}</h3>
        <Table
          caption={t("insights.outcomes.byAdopter")}
          head={[t("insights.person"), t("insights.outcomes.adopted")]}
          empty={t("insights.none")}
          rows={outcomes.current.byAdopter.map((person) => [
            <Link key="name" to={`/people/${person.personId}`} className="link">
              {person.name}
            </Link>,
            formatNumber(person.adopted),
          ])}
        />
      </Section>

      <Section id="demand" title={t("insights.demand.title")} intro={t("insights.demand.intro")}>
        <h3 className="mt-4 font-semibold">{t("insights.demand.topIdeas")}</h3>
        <Table
          caption={t("insights.demand.topIdeas")}
          head={[t("insights.idea"), t("insights.demand.gained"), t("insights.demand.total"), t("insights.demand.companies")]}
          empty={t("insights.none")}
          rows={demand.topIdeas.map((idea) => [
            <Link key="title" to={ideaPath({ id: idea.ideaId, title: idea.title })} className="link">
              {idea.title}
            </Link>,
            formatNumber(idea.gained),
            formatNumber(idea.voteCount),
            formatNumber(idea.companies),
          ])}
        />
        <BarList
          title={t("insights.demand.byCompany")}
          columns={[t("insights.demand.company"), t("insights.demand.votes")]}
          points={demand.byCompany.map((row) => ({ label: row.company, value: row.votes }))}
          format={formatNumber}
        />
        <Table
          caption={t("insights.demand.byCompany")}
          head={[t("insights.demand.company"), t("insights.demand.votes"), t("insights.demand.people")]}
          empty={t("insights.demand.noCompanies")}
          rows={demand.byCompany.map((row) => [row.company, formatNumber(row.votes), formatNumber(row.people)])}
        />
        <h3 className="mt-6 font-semibold">{t("insights.demand.byLanguage")}</h3>
        <Table
          caption={t("insights.demand.byLanguage")}
          head={[t("insights.demand.language"), t("insights.demand.votes"), t("insights.demand.people")]}
          empty={t("insights.none")}
          rows={demand.byLanguage.map((row) => [row.locale ? t(`languages.${row.locale}`) : t("insights.demand.noLanguage"), formatNumber(row.votes), formatNumber(row.people)])}
        />
      </Section>

      <Section id="challenges" title={t("insights.challenges.title")} intro={t("insights.challenges.intro")}>
        <Table
          caption={t("insights.challenges.title")}
          head={[t("insights.challenges.challenge"), t("insights.challenges.ideas"), t("insights.challenges.participants"), t("insights.challenges.votes"), t("insights.challenges.budgetUsed")]}
          empty={t("insights.challenges.none")}
          rows={insights.challenges.map((challenge) => [
            <Link key="title" to={challengePath(challenge)} className="link">
              {challenge.title}
            </Link>,
            formatNumber(challenge.ideas),
            formatNumber(challenge.participants),
            formatNumber(challenge.votes),
            challenge.budgetUsed === null ? t("insights.challenges.noBudget") : percent(challenge.budgetUsed),
          ])}
        />
      </Section>

      <Section id="exports" title={t("insights.exports.title")} intro={t("insights.exports.intro")}>
        <ul className="mt-3 flex flex-wrap gap-3">
          {(["ideas", "votes", "comments"] as const).map((what) => (
            <li key={what}>
              <a href={data.exports[what]} className="btn-secondary" download>
                {t(`insights.exports.${what}`)}
              </a>
            </li>
          ))}
        </ul>
      </Section>
    </>
  );
}
