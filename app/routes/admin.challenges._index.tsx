import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/use-translation";
import { ChallengeDeadline, ChallengePhaseBadge } from "~/components/challenge-phase";
import { challengePhase } from "~/domain/challenge-phases";
import { listAllChallenges } from "~/domain/challenges.server";
import { now as clockNow } from "~/lib/clock.server";
import { useFormatters } from "~/lib/format";
import { pageTitle } from "~/lib/meta";
import { requireUser } from "~/web/guards.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: "staff" });
  const now = clockNow();
  return { now: now.getTime(), challenges: (await listAllChallenges()).map((challenge) => ({ ...challenge, phase: challengePhase(challenge, now) })) };
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "admin.challenges.title");

export default function AdminChallengesPage() {
  const { t } = useTranslation();
  const { formatNumber } = useFormatters();
  const { challenges, now } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-3xl font-bold">{t("admin.challenges.title")}</h1>
        <Link to="/admin/challenges/new" className="btn-primary">
          {t("admin.challenges.new")}
        </Link>
      </div>
      <p className="mt-2 text-muted">{t("admin.challenges.intro")}</p>
      {challenges.length === 0 ? (
        <p className="mt-6 text-muted">{t("admin.challenges.none")}</p>
      ) : (
        <ul className="mt-6 space-y-3">
          {challenges.map((challenge) => (
            <li key={challenge.id} className="card flex flex-wrap items-center justify-between gap-3">
              <div className="min-w-0">
                <p className="flex flex-wrap items-center gap-2">
                  <ChallengePhaseBadge phase={challenge.phase} />
                  <span className="text-xs text-muted">{t("challenges.ideaCount", { count: challenge.ideaCount, formatted: formatNumber(challenge.ideaCount) })}</span>
                </p>
                <h2 className="mt-1 text-lg font-semibold">
                  <Link to={`/admin/challenges/${challenge.id}`} className="hover:text-brand-700 hover:underline">
                    {challenge.title}
                  </Link>
                </h2>
                <p className="text-sm text-muted">
                  <ChallengeDeadline challenge={challenge} phase={challenge.phase} now={now} />
                </p>
              </div>
              <Link to={`/admin/challenges/${challenge.id}`} className="btn-secondary">
                {t("admin.challenges.manage")}
                <span className="sr-only"> {challenge.title}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
