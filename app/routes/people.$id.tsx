import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Avatar } from "~/components/avatar";
import { getPerson, isStaff } from "~/domain/people.server";
import { useFormatters } from "~/lib/format";
import { pageTitle } from "~/lib/meta";

export function loader({ params }: LoaderFunctionArgs) {
  const person = getPerson(params.id ?? "");
  if (!person) throw new Response("Not Found", { status: 404 });
  // Only public fields: never the email or the password hash.
  const staff = isStaff(person);
  return {
    person: {
      id: person.id,
      displayName: person.displayName,
      staff,
      jobTitle: staff ? person.jobTitle : null,
      bio: staff ? person.bio : null,
      company: staff ? null : person.company,
      createdAt: person.createdAt,
    },
  };
}

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, "people.title", { name: data?.person.displayName ?? "" });

export default function PersonPage() {
  const { t } = useTranslation();
  const { formatDate } = useFormatters();
  const { person } = useLoaderData<typeof loader>();
  return (
    <article className="card flex flex-col gap-6 sm:flex-row">
      <Avatar person={person} size="lg" />
      <div>
        <h1 className="text-3xl font-bold">{person.displayName}</h1>
        {person.staff ? (
          <p className="mt-1 flex items-center gap-2">
            <span className="rounded bg-brand-700 px-2 py-0.5 text-xs font-semibold uppercase tracking-wide text-white">
              {t("people.teamBadge")}
            </span>
            {person.jobTitle ? <span className="font-medium text-brand-700">{person.jobTitle}</span> : null}
          </p>
        ) : null}
        {person.company ? <p className="mt-1 text-muted">{person.company}</p> : null}
        {person.bio ? <p className="mt-4 max-w-prose">{person.bio}</p> : null}
        <p className="mt-4 text-sm text-muted">{t("people.memberSince", { date: formatDate(person.createdAt) })}</p>
      </div>
    </article>
  );
}
