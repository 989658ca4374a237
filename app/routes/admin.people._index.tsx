import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/use-translation";
import { z } from "zod";
import { Avatar } from "~/components/avatar";
import { EmptyState } from "~/components/empty-state";
import { SelectField } from "~/components/forms";
import { PersonAdminActions } from "~/components/person-admin-actions";
import { listPeople, PERSON_STATUSES } from "~/domain/people-directory.server";
import { ROLES } from "#db/schema";
import { hasRole } from "~/domain/roles";
import { useFormatters } from "~/lib/format";
import { pageTitle } from "~/lib/meta";
import { readForm } from "~/web/form-body.server";
import { requireUser } from "~/web/guards.server";
import { runPeopleAction } from "~/web/people-actions.server";

/** The directory's query string; anything that does not parse is ignored. */
const querySchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  role: z.enum(ROLES).optional().catch(undefined),
  status: z.enum(PERSON_STATUSES).optional().catch(undefined),
  // The last person of the previous page: "name\u0000id", base64url.
  after: z
    .string()
    .max(400)
    .optional()
    .catch(undefined)
    .transform((value) => {
      if (!value) return undefined;
      const [displayName, id] = Buffer.from(value, "base64url").toString().split("\u0000");
      return displayName && id ? { displayName, id } : undefined;
    }),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: "staff" });
  const query = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { people, next } = await listPeople({ q: query.q, role: query.role, status: query.status, after: query.after });
  return {
    me: user.id,
    isAdmin: hasRole(user, "admin"),
    roles: ROLES,
    query: { q: query.q ?? "", role: query.role ?? "", status: query.status ?? "" },
    people,
    next: next ? Buffer.from(`${next.displayName}\u0000${next.id}`).toString("base64url") : null,
  };
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "admin.people.title");

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireUser(request, { role: "admin" });
  return runPeopleAction(admin, await readForm({ request, context }));
}

export default function PeopleDirectoryPage() {
  const { t } = useTranslation();
  const { formatDateTime, formatNumber } = useFormatters();
  const { me, isAdmin, roles, query, people, next } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const nextLink = next ? `?${new URLSearchParams({ ...Object.fromEntries(Object.entries(query).filter(([, value]) => value)), after: next })}` : null;
  return (
    <>
      <h1 className="text-3xl font-bold">{t("admin.people.title")}</h1>
      <p className="mt-2 text-muted">{t(isAdmin ? "admin.people.introAdmin" : "admin.people.intro")}</p>

      <Form method="get" role="search" aria-label={t("admin.people.searchLabel")} className="card mt-6 grid gap-3 p-4 sm:grid-cols-[2fr_1fr_1fr_auto] sm:items-end">
        <div>
          <label htmlFor="people-q" className="block text-sm font-semibold">
            {t("admin.people.search")}
          </label>
          <input id="people-q" name="q" type="search" defaultValue={query.q} className="input mt-1" />
        </div>
        <SelectField
          id="people-role"
          name="role"
          label={t("admin.people.role")}
          defaultValue={query.role}
          options={[{ value: "", label: t("admin.people.anyRole") }, ...roles.map((role) => ({ value: role, label: t(`roles.${role}`) }))]}
        />
        <SelectField
          id="people-status"
          name="status"
          label={t("admin.people.status")}
          defaultValue={query.status}
          options={[
            { value: "", label: t("admin.people.anyStatus") },
            { value: "blocked", label: t("admin.people.blocked") },
            { value: "unverified", label: t("admin.people.unverified") },
          ]}
        />
        <button type="submit" className="btn-primary">
          {t("admin.people.apply")}
        </button>
      </Form>

      {people.length === 0 ? (
        <div className="mt-6">
          <EmptyState title={t("admin.people.empty.title")} body={t("admin.people.empty.body")} />
        </div>
      ) : (
        <div className="mt-6 overflow-x-auto">
          <table className="w-full min-w-[48rem] border-collapse text-left text-sm">
            <caption className="sr-only">{t("admin.people.title")}</caption>
            <thead>
              <tr className="border-b border-stone-300">
                <th scope="col" className="p-2">{t("admin.people.person")}</th>
                <th scope="col" className="p-2">{t("admin.people.role")}</th>
                <th scope="col" className="p-2 text-right">{t("admin.people.ideas")}</th>
                <th scope="col" className="p-2 text-right">{t("admin.people.comments")}</th>
                <th scope="col" className="p-2 text-right">{t("admin.people.votes")}</th>
                <th scope="col" className="p-2">{t("admin.people.lastSeen")}</th>
                {isAdmin ? <th scope="col" className="p-2">{t("admin.people.actions")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {people.map((person) => (
                <tr key={person.id} className="border-b border-stone-200 align-top">
                  <th scope="row" className="p-2 font-normal">
                    <div className="flex items-center gap-3">
                      <Avatar person={person} size="sm" />
                      <div className="min-w-0">
                        <Link to={`/admin/people/${person.id}`} className="link font-medium">
                          {person.displayName}
                        </Link>
                        <p className="truncate text-muted">{[person.email, person.company].filter(Boolean).join(" · ")}</p>
                        {person.blockedAt ? <p className="font-semibold text-red-800">{t("admin.people.blocked")}</p> : null}
                        {person.emailVerifiedAt ? null : <p className="text-muted">{t("admin.people.unverified")}</p>}
                      </div>
                    </div>
                  </th>
                  <td className="p-2">{t(`roles.${person.role}`)}</td>
                  <td className="p-2 text-right">{formatNumber(person.ideaCount)}</td>
                  <td className="p-2 text-right">{formatNumber(person.commentCount)}</td>
                  <td className="p-2 text-right">{formatNumber(person.voteCount)}</td>
                  <td className="p-2">{person.lastSeenAt ? formatDateTime(person.lastSeenAt) : t("admin.people.never")}</td>
                  {isAdmin ? (
                    <td className="p-2">
                      <PersonAdminActions person={person} roles={roles} me={me} outcome={outcome} compact />
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {nextLink ? (
        <Link to={nextLink} className="btn-secondary mt-6">
          {t("admin.people.more")}
        </Link>
      ) : null}
    </>
  );
}
