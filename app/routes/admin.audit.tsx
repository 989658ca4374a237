import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/use-translation";
import { EmptyState } from "~/components/empty-state";
import { SelectField } from "~/components/forms";
import { AUDIT_ACTIONS } from "~/domain/audit-actions";
import { listAudit, listAuditActors } from "~/domain/audit.server";
import { useFormatters } from "~/lib/format";
import { pageTitle } from "~/lib/meta";
import { sayPhrase } from "~/lib/phrase";
import { auditFilterQuery, parseAuditFilters } from "~/web/audit-filters.server";
import { requireUser } from "~/web/guards.server";
import { numberParam } from "~/web/params";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: "admin" });
  const { form, filters, errors } = parseAuditFilters(request);
  const [{ entries, nextBefore }, actors] = await Promise.all([listAudit(filters, numberParam(request, "before")), listAuditActors()]);
  return {
    form,
    errors,
    actors,
    entries,
    filtered: Object.keys(filters).length > 0,
    olderHref: nextBefore ? auditFilterQuery(form, { before: String(nextBefore) }) : null,
    exportHref: `/admin/audit.csv${auditFilterQuery(form)}`,
  };
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "audit.title");

function targetHref(type: string, id: string) {
  if (type === "idea") return `/ideas/${id}`;
  if (type === "person") return `/admin/people/${id}`;
  if (type === "site") return "/admin/settings";
  if (type === "challenge") return `/admin/challenges/${id}`;
  return null;
}

export default function AuditPage() {
  const { t, i18n } = useTranslation();
  const { formatDateTime } = useFormatters();
  const { form, errors, actors, entries, filtered, olderHref, exportHref } = useLoaderData<typeof loader>();
  const fieldError = (name: keyof typeof errors) =>
    errors[name] ? (
      <p id={`audit-${name}-error`} className="mt-1 text-sm text-red-700">
        {t(errors[name])}
      </p>
    ) : null;
  const describedBy = (name: keyof typeof errors) => (errors[name] ? `audit-${name}-error` : undefined);
  return (
    <>
      <h1 className="text-3xl font-bold">{t("audit.title")}</h1>
      <p className="mt-2 text-muted">{t("audit.intro")}</p>

      <Form method="get" className="mt-6 grid gap-4 rounded border border-stone-200 p-4 sm:grid-cols-2 lg:grid-cols-4" aria-label={t("audit.filters.label")}>
        <SelectField
          id="audit-who"
          name="who"
          label={t("audit.filters.who")}
          defaultValue={form.who}
          options={[{ value: "", label: t("audit.filters.anyone") }, ...actors.map((actor) => ({ value: actor.id, label: actor.displayName }))]}
        />
        <div>
          <label htmlFor="audit-action" className="block text-sm font-semibold">
            {t("audit.filters.action")}
          </label>
          <select
            id="audit-action"
            name="action"
            defaultValue={form.action}
            className="input mt-1 w-full"
            aria-invalid={errors.action ? true : undefined}
            aria-describedby={describedBy("action")}
          >
            <option value="">{t("audit.filters.anyAction")}</option>
            {AUDIT_ACTIONS.map((action) => (
              <option key={action} value={action}>
                {t(`audit.actions.${action}`)}
              </option>
            ))}
          </select>
          {fieldError("action")}
        </div>
        {(["from", "to"] as const).map((field) => (
          <div key={field}>
            <label htmlFor={`audit-${field}`} className="block text-sm font-semibold">
              {t(`audit.filters.${field}`)}
            </label>
            <input
              id={`audit-${field}`}
              type="date"
              name={field}
              defaultValue={form[field]}
              className="input mt-1 w-full"
              aria-invalid={errors[field] ? true : undefined}
              aria-describedby={describedBy(field)}
            />
            {fieldError(field)}
          </div>
        ))}
        <div className="flex flex-wrap items-center gap-3 sm:col-span-2 lg:col-span-4">
          <button type="submit" className="btn-primary">
            {t("audit.filters.apply")}
          </button>
          {filtered ? (
            <Link to="/admin/audit" className="link">
              {t("audit.filters.clear")}
            </Link>
          ) : null}
          <a href={exportHref} className="btn-secondary sm:ml-auto" download>
            {t("audit.download")}
          </a>
        </div>
      </Form>

      {entries.length === 0 ? (
        <div className="mt-6">
          {filtered ? <EmptyState title={t("audit.noMatch.title")} body={t("audit.noMatch.body")} /> : <EmptyState title={t("audit.empty.title")} body={t("audit.empty.body")} />}
        </div>
      ) : (
        <ol className="mt-6 divide-y divide-stone-200" aria-label={t("audit.entries")}>
          {entries.map((entry) => {
            const href = targetHref(entry.targetType, entry.targetId);
            return (
              <li key={entry.id} className="py-3">
                <p>{sayPhrase(t, i18n.language, entry.sentence)}</p>
                <p className="mt-1 text-sm text-muted">
                  <time dateTime={new Date(entry.createdAt).toISOString()}>{formatDateTime(entry.createdAt)}</time>
                  {href ? (
                    <>
                      {" · "}
                      <Link to={href} className="link">
                        {t(`audit.open.${entry.targetType}`, { id: entry.targetId })}
                      </Link>
                    </>
                  ) : null}
                </p>
              </li>
            );
          })}
        </ol>
      )}
      {olderHref ? (
        <Link to={olderHref} className="btn-secondary mt-6">
          {t("audit.older")}
        </Link>
      ) : null}
    </>
  );
}

