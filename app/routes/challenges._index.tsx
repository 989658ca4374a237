import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/use-translation";
import { uploadPath, UPLOAD_WIDTHS } from "~/lib/upload-paths";
import { ChallengeDeadline, ChallengePhaseBadge } from "~/components/challenge-phase";
import { EmptyState } from "~/components/empty-state";
import { CHALLENGE_GROUPS, challengeGroup } from "~/domain/challenge-phases";
import { listPublishedChallenges } from "~/domain/challenges.server";
import { challengePath } from "~/lib/paths";
import { now as clockNow } from "~/lib/clock.server";
import { useFormatters } from "~/lib/format";
import { pageTitle } from "~/lib/meta";

export async function loader(_: LoaderFunctionArgs) {
  const now = clockNow();
  const challenges = await listPublishedChallenges(now);
  const groups = CHALLENGE_GROUPS.map((group) => ({
    group,
    challenges: challenges.filter((challenge) => challengeGroup(challenge.phase) === group),
  }));
  return { groups, now: now.getTime(), empty: challenges.length === 0 };
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "challenges.title");

export default function ChallengesPage() {
  const { t } = useTranslation();
  const { formatNumber } = useFormatters();
  const { groups, now, empty } = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="text-3xl font-bold">{t("challenges.title")}</h1>
      <p className="mt-2 text-muted">{t("challenges.intro")}</p>
      {empty ? (
        <div className="mt-8">
          <EmptyState title={t("challenges.empty.title")} body={t("challenges.empty.body")} action={{ to: "/", label: t("challenges.empty.action") }} />
        </div>
      ) : (
        groups
          .filter((entry) => entry.challenges.length > 0)
          .map((entry) => (
            <section key={entry.group} aria-labelledby={`group-${entry.group}`} className="mt-8">
              <h2 id={`group-${entry.group}`} className="text-xl font-bold">
                {t(`challenges.groups.${entry.group}`)}
              </h2>
              <ul className="mt-3 grid gap-3 md:grid-cols-2">
                {entry.challenges.map((challenge) => (
                  <li key={challenge.id} className="card flex flex-col gap-2">
                    {challenge.coverId ? (
                      <img src={uploadPath(challenge.coverId, UPLOAD_WIDTHS.cover[0])} alt="" loading="lazy" className="aspect-[3/1] w-full rounded object-cover" />
                    ) : null}
                    <div className="flex flex-wrap items-center gap-2">
                      <ChallengePhaseBadge phase={challenge.phase} />
                      <span className="text-xs text-muted">{t("challenges.ideaCount", { count: challenge.ideaCount, formatted: formatNumber(challenge.ideaCount) })}</span>
                    </div>
                    <h3 className="text-lg font-semibold leading-snug">
                      <Link to={challengePath(challenge)} className="hover:text-brand-700 hover:underline">
                        {challenge.title}
                      </Link>
                    </h3>
                    <p className="line-clamp-3 text-sm text-muted">{challenge.excerpt}</p>
                    <p className="text-sm font-medium">
                      <ChallengeDeadline challenge={challenge} phase={challenge.phase} now={now} />
                    </p>
                  </li>
                ))}
              </ul>
            </section>
          ))
      )}
    </>
  );
}
