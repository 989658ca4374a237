import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Avatar } from "~/components/avatar";
import { EmptyState } from "~/components/empty-state";
import { listStaff } from "~/domain/people.server";
import { pageTitle } from "~/lib/meta";

export function loader() {
  return {
    staff: listStaff().map(({ id, displayName, jobTitle, bio }) => ({ id, displayName, jobTitle, bio })),
  };
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "team.title");

export default function TeamPage() {
  const { t } = useTranslation();
  const { staff } = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="text-3xl font-bold">{t("team.title")}</h1>
      <p className="mt-2 max-w-prose text-muted">{t("team.intro")}</p>
      {staff.length === 0 ? (
        <div className="mt-8">
          <EmptyState title={t("team.empty.title")} body={t("team.empty.body")} />
        </div>
      ) : (
        <ul className="mt-8 grid gap-6 sm:grid-cols-2">
          {staff.map((person) => (
            <li key={person.id} className="card flex gap-4">
              <Avatar person={person} size="lg" />
              <div>
                <h2 className="text-lg font-semibold">
                  <Link className="hover:underline" to={`/people/${person.id}`}>
                    {person.displayName}
                  </Link>
                </h2>
                {person.jobTitle ? <p className="text-sm font-medium text-brand-700">{person.jobTitle}</p> : null}
                {person.bio ? <p className="mt-2 text-sm text-muted">{person.bio}</p> : null}
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
