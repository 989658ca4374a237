import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/use-translation";
import { Avatar } from "~/components/avatar";
import { CommentExcerpts } from "~/components/comment-excerpts";
import { Link } from "@remix-run/react";
import { StatusBadge, WinnerBadge } from "~/components/idea-badges";
import { IdeaStanding } from "~/components/idea-standing";
import { getPerson } from "~/domain/people.server";
import { replyPromiseContext } from "~/domain/reply-promise.server";
import { isStaff } from "~/domain/roles";
import { ideasBy, latestReplies } from "~/domain/team.server";
import { useFormatters } from "~/lib/format";
import { pageTitle } from "~/lib/meta";
import { ideaPath } from "~/lib/paths";
import { notFound } from "~/web/responses.server";
import { getOptionalUser } from "~/web/session.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const person = await getPerson(params.id ?? "");
  if (!person) throw notFound();
  const viewer = await getOptionalUser(request);
  // Only public fields: never the email or the password hash.
  const staff = isStaff(person);
  const [ideas, replies, promise] = await Promise.all([
    ideasBy(person.id, viewer?.id === person.id || isStaff(viewer)),
    staff ? latestReplies([person.id], 10).then((byAuthor) => byAuthor[person.id] ?? []) : [],
    replyPromiseContext(),
  ]);
  return {
    ideas,
    promise,
    replies,
    person: {
      id: person.id,
      displayName: person.displayName,
      photoId: person.photoId,
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
  const { person, ideas, replies, promise } = useLoaderData<typeof loader>();
  return (
    <>
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
    {person.staff ? (
      <section aria-labelledby="replies-title" className="mt-8">
        <h2 id="replies-title" className="text-xl font-bold">
          {t("people.latestReplies")}
        </h2>
        <CommentExcerpts comments={replies} empty={t("people.noReplies")} />
      </section>
    ) : null}
    <section aria-labelledby="ideas-title" className="mt-8">
      <h2 id="ideas-title" className="text-xl font-bold">
        {t("people.ideas")}
      </h2>
      {ideas.length === 0 ? (
        <p className="mt-2 text-muted">{t("people.noIdeas")}</p>
      ) : (
        <ul className="mt-3 space-y-2">
          {ideas.map((idea) => (
            <li key={idea.id} className="card flex flex-wrap items-center gap-3 p-3">
              <Link to={ideaPath(idea)} className="link font-medium">
                {idea.title}
              </Link>
              <StatusBadge status={idea.status} />
              {idea.winner ? <WinnerBadge winner={idea.winner} /> : null}
              <span className="text-sm text-muted">{t("votes.count", { count: idea.voteCount, formatted: String(idea.voteCount) })}</span>
              <span className="text-sm">
                <IdeaStanding idea={idea} promise={promise} />
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
    </>
  );
}
