import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/use-translation";
import { Avatar } from "~/components/avatar";
import { CommentExcerpts } from "~/components/comment-excerpts";
import { StatusBadge } from "~/components/idea-badges";
import { PersonAdminActions } from "~/components/person-admin-actions";
import { personForStaff } from "~/domain/people-directory.server";
import { ROLES } from "#db/schema";
import { hasRole } from "~/domain/roles";
import { useFormatters } from "~/lib/format";
import { pageTitle } from "~/lib/meta";
import { ideaPath } from "~/lib/paths";
import { readForm } from "~/web/form-body.server";
import { requireUser } from "~/web/guards.server";
import { runPeopleAction } from "~/web/people-actions.server";
import { notFound } from "~/web/responses.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: "staff" });
  const found = await personForStaff(params.id ?? "");
  if (!found) throw notFound();
  return { me: user.id, isAdmin: hasRole(user, "admin"), roles: ROLES, ...found };
}

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => pageTitle(matches, "people.title", { name: data?.person.displayName ?? "" });

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireUser(request, { role: "admin" });
  return runPeopleAction(admin, await readForm({ request, context }));
}

export default function PersonForStaffPage() {
  const { t } = useTranslation();
  const { formatDate, formatDateTime, formatNumber } = useFormatters();
  const { me, isAdmin, roles, person, latestIdeas, latestComments } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  return (
    <>
      <p className="text-sm">
        <Link to="/admin/people" className="link">
          {t("admin.people.back")}
        </Link>
      </p>
      <article className="card mt-3 flex flex-col gap-6 sm:flex-row">
        <Avatar person={person} size="lg" />
        <div className="min-w-0 flex-1">
          <h1 className="text-3xl font-bold">{person.displayName}</h1>
          <p className="mt-1 text-muted">{[t(`roles.${person.role}`), person.jobTitle, person.company].filter(Boolean).join(" · ")}</p>
          <p className="mt-1 break-all">
            {person.email}
            {person.emailVerifiedAt ? null : <span className="text-muted"> · {t("admin.people.unverified")}</span>}
          </p>
          {person.blockedAt ? (
            <p className="mt-3 rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900">
              {t("admin.people.blockedSince", { date: formatDate(person.blockedAt), reason: person.blockedReason ?? "" })}
            </p>
          ) : null}
          <dl className="mt-4 grid grid-cols-2 gap-x-6 gap-y-2 text-sm sm:grid-cols-5">
            <div>
              <dt className="text-muted">{t("admin.people.ideas")}</dt>
              <dd className="font-semibold">{formatNumber(person.ideaCount)}</dd>
            </div>
            <div>
              <dt className="text-muted">{t("admin.people.comments")}</dt>
              <dd className="font-semibold">{formatNumber(person.commentCount)}</dd>
            </div>
            <div>
              <dt className="text-muted">{t("admin.people.votes")}</dt>
              <dd className="font-semibold">{formatNumber(person.voteCount)}</dd>
            </div>
            <div>
              <dt className="text-muted">{t("admin.people.lastSeen")}</dt>
              <dd className="font-semibold">{person.lastSeenAt ? formatDateTime(person.lastSeenAt) : t("admin.people.never")}</dd>
            </div>
            <div>
              <dt className="text-muted">{t("admin.people.joined")}</dt>
              <dd className="font-semibold">{formatDate(person.createdAt)}</dd>
            </div>
          </dl>
          <p className="mt-4 text-sm">
            <Link to={`/people/${person.id}`} className="link">
              {t("admin.people.publicProfile")}
            </Link>
          </p>
        </div>
      </article>

      {isAdmin ? (
        <section aria-labelledby="person-actions-title" className="card mt-6">
          <h2 id="person-actions-title" className="text-lg font-semibold">
            {t("admin.people.actions")}
          </h2>
          <div className="mt-3">
            <PersonAdminActions person={person} roles={roles} me={me} outcome={outcome} />
          </div>
        </section>
      ) : null}

      <div className="mt-6 grid gap-6 md:grid-cols-2">
        <section aria-labelledby="person-ideas-title">
          <h2 id="person-ideas-title" className="text-xl font-bold">
            {t("admin.people.latestIdeas")}
          </h2>
          {latestIdeas.length === 0 ? (
            <p className="mt-2 text-muted">{t("admin.people.noIdeas")}</p>
          ) : (
            <ul className="mt-3 space-y-2">
              {latestIdeas.map((idea) => (
                <li key={idea.id} className="card flex flex-wrap items-center justify-between gap-2 p-3 text-sm">
                  <Link to={ideaPath(idea)} className="link font-medium">
                    {idea.title}
                  </Link>
                  <StatusBadge status={idea.status} />
                </li>
              ))}
            </ul>
          )}
        </section>
        <section aria-labelledby="person-comments-title">
          <h2 id="person-comments-title" className="text-xl font-bold">
            {t("admin.people.latestComments")}
          </h2>
          <CommentExcerpts comments={latestComments} empty={t("admin.people.noComments")} />
        </section>
      </div>
    </>
  );
}
