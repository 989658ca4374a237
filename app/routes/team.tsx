import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/use-translation";
import { Avatar } from "~/components/avatar";
import { EmptyState } from "~/components/empty-state";
import { ideaPath } from "~/lib/paths";
import { getSite } from "~/domain/site.server";
import { latestReplies, listTeam } from "~/domain/team.server";
import { useFormatters } from "~/lib/format";
import { pageTitle } from "~/lib/meta";

export async function loader() {
  const [staff, site] = await Promise.all([listTeam(), getSite()]);
  return { staff, replies: await latestReplies(staff.map((person) => person.id)), listeningPublic: site?.listeningPublic ?? false };
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "team.title");

export default function TeamPage() {
  const { t } = useTranslation();
  const { formatNumber } = useFormatters();
  const { staff, replies, listeningPublic } = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="text-3xl font-bold">{t("team.title")}</h1>
      <p className="mt-2 max-w-prose text-muted">{t("team.intro")}</p>
      {listeningPublic ? (
        <p className="mt-2">
          <Link to="/listening" className="link">
            {t("team.listeningLink")}
          </Link>
        </p>
      ) : null}
      {staff.length === 0 ? (
        <div className="mt-8">
          <EmptyState title={t("team.empty.title")} body={t("team.empty.body")} />
        </div>
      ) : (
        <ul className="mt-8 grid grid-cols-1 gap-6 sm:grid-cols-2">
          {staff.map((person) => (
            <li key={person.id} className="card flex gap-4">
              <Avatar person={person} size="lg" />
              <div className="min-w-0">
                <h2 className="text-lg font-semibold">
                  <Link className="hover:underline" to={`/people/${person.id}`}>
                    {person.displayName}
                  </Link>
                </h2>
                {person.jobTitle ? <p className="text-sm font-medium text-brand-700">{person.jobTitle}</p> : null}
                {person.bio ? <p className="mt-2 text-sm text-muted">{person.bio}</p> : null}
                <p className="mt-2 text-sm">{t("team.replies", { count: person.replyCount, formatted: formatNumber(person.replyCount) })}</p>
                {replies[person.id]?.length ? (
                  <ul className="mt-2 space-y-1 text-sm">
                    {replies[person.id]!.map((reply) => (
                      <li key={reply.id} className="truncate">
                        <Link to={`${ideaPath({ id: reply.ideaId, title: reply.ideaTitle })}#comment-${reply.id}`} className="link">
                          {reply.ideaTitle}
                        </Link>
                        <span className="text-muted"> — {reply.text}</span>
                      </li>
                    ))}
                  </ul>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
