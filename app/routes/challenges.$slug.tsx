import { randomInt } from "node:crypto";
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/use-translation";
import { uploadPath, uploadSrcSet, UPLOAD_WIDTHS } from "~/lib/upload-paths";
import { ChallengeDeadline, ChallengePhaseBadge, ChallengeWindowsList } from "~/components/challenge-phase";
import { SignedBy } from "~/components/discussion";
import { IdeaRow } from "~/components/idea-row";
import { RichText } from "~/components/rich-text";
import { challengePhase } from "~/domain/challenge-phases";
import { budgetFor, getChallenge, listWinners } from "~/domain/challenges.server";
import { canSeeIdea } from "~/domain/idea-visibility";
import { listChallengeIdeas } from "~/domain/ideas.server";
import { replyPromiseContext } from "~/domain/reply-promise.server";
import { isStaff } from "~/domain/roles";
import { now as clockNow } from "~/lib/clock.server";
import { useFormatters } from "~/lib/format";
import { pageTitle } from "~/lib/meta";
import { feedLink } from "~/web/feeds.server";
import { ideaPath } from "~/lib/paths";
import { notFound } from "~/web/responses.server";
import { getOptionalUser } from "~/web/session.server";
import { servedOverHttps } from "~/lib/deployment.mjs";

const SHUFFLE_COOKIE = "tertulia_shuffle";

/**
 * Each visitor's own shuffle of a challenge's ideas: from their account, else from a cookie of
 * their own (set on the first visit), so the order holds while they turn pages.
 */
function shuffleSeed(request: Request, userId: string | null): { seed: number; setCookie: string | null } {
  if (userId) return { seed: [...userId].reduce((hash, character) => (hash * 31 + character.charCodeAt(0)) % 2147483647, 7), setCookie: null };
  const saved = new RegExp(`(?:^|;\\s*)${SHUFFLE_COOKIE}=(\\d{1,10})`).exec(request.headers.get("Cookie") ?? "");
  if (saved) return { seed: Number(saved[1]), setCookie: null };
  const seed = randomInt(1, 2_000_000_000);
  return { seed, setCookie: `${SHUFFLE_COOKIE}=${seed}; Path=/challenges; Max-Age=2592000; SameSite=Lax; HttpOnly${servedOverHttps() ? "; Secure" : ""}` };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const staff = isStaff(user);
  const challenge = await getChallenge(params.slug ?? "", { includeDrafts: staff });
  if (!challenge) throw notFound();
  const now = clockNow();
  const phase = challengePhase(challenge, now);
  const search = new URL(request.url).searchParams;
  const page = Math.max(1, Math.min(1000, Number.parseInt(search.get("page") ?? "1", 10) || 1));

  const { seed, setCookie } = shuffleSeed(request, user?.id ?? null);
  const stillOpen = phase === "draft" || phase === "upcoming" || phase === "submission";
  const finished = phase === "finished";
  const [{ ideas, hasMore }, budget, winners, feed, promise] = await Promise.all([
    listChallengeIdeas({ challengeId: challenge.id, order: stillOpen ? "shuffled" : "votes", seed, viewerId: user?.id ?? null, page }),
    phase === "voting" ? budgetFor(challenge, user?.id ?? null) : null,
    finished ? listWinners(challenge.id) : [],
    feedLink(`/feed/challenges/${challenge.slug}`, "feeds.challenge", { challenge: challenge.title }),
    replyPromiseContext(),
  ]);
  const refused = search.get("refused");

  return data(
    {
      challenge: {
        id: challenge.id,
        slug: challenge.slug,
        title: challenge.title,
        briefHtml: challenge.briefHtml,
        briefText: challenge.briefText,
        submissionOpensAt: challenge.submissionOpensAt,
        submissionClosesAt: challenge.submissionClosesAt,
        votingOpensAt: challenge.votingOpensAt,
        votingClosesAt: challenge.votingClosesAt,
        publishedAt: challenge.publishedAt,
        resultsPublishedAt: challenge.resultsPublishedAt,
        voteBudget: challenge.voteBudget,
        coverId: challenge.coverId,
      },
      phase,
      now: now.getTime(),
      ideas,
      promise,
      order: stillOpen ? ("shuffled" as const) : ("votes" as const),
      page,
      hasMore,
      signedIn: Boolean(user),
      isStaff: staff,
      budget,
      refused: refused === "budgetSpent" || refused === "votingNotOpen" ? refused : null,
      results: finished
        ? { by: challenge.resultsBy, noteHtml: challenge.resultsNoteHtml, winners: winners.filter((winner) => canSeeIdea(user, winner)).map(({ hidden: _hidden, ...winner }) => winner) }
        : null,
      feed,
    },
    { headers: setCookie ? { "Set-Cookie": setCookie } : undefined },
  );
}

export const meta: MetaFunction<typeof loader> = ({ matches, data: loaded }) =>
  loaded
    ? [
        ...pageTitle(matches, "challenges.pageTitle", { title: loaded.challenge.title }),
        { name: "description", content: loaded.challenge.briefText.slice(0, 160) },
        loaded.feed,
      ]
    : pageTitle(matches, "challenges.title");

export default function ChallengePage() {
  const { t } = useTranslation();
  const { formatNumber } = useFormatters();
  const { challenge, phase, now, ideas, promise, order, page, hasMore, signedIn, isStaff, budget, refused, results } = useLoaderData<typeof loader>();
  const path = `/challenges/${challenge.slug}`;
  return (
    <article aria-labelledby="challenge-title">
      <Link to="/challenges" className="text-sm font-medium text-brand-700 hover:underline">
        ← {t("challenges.back")}
      </Link>
      {challenge.coverId ? (
        // Decoration beside the title, which says what the challenge is.
        <img
          src={uploadPath(challenge.coverId, UPLOAD_WIDTHS.cover[0])}
          srcSet={uploadSrcSet(challenge.coverId, "cover")}
          sizes="(min-width: 64rem) 64rem, 100vw"
          alt=""
          className="mt-4 aspect-[3/1] w-full rounded-lg object-cover"
        />
      ) : null}
      <div className="mt-4 flex flex-wrap items-center gap-3">
        <ChallengePhaseBadge phase={phase} />
        {isStaff ? (
          <Link to={`/admin/challenges/${challenge.id}`} className="text-sm font-medium text-brand-700 hover:underline">
            {t("challenges.manage")}
          </Link>
        ) : null}
      </div>
      <h1 id="challenge-title" className="mt-2 text-3xl font-bold leading-tight">
        {challenge.title}
      </h1>
      <p className="mt-2 text-lg font-medium">
        <ChallengeDeadline challenge={challenge} phase={phase} now={now} />
      </p>

      {refused ? (
        <p role="alert" className="mt-4 rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900">
          {t(`challenges.refused.${refused}`)}
        </p>
      ) : null}

      <div className="mt-6 grid gap-6 md:grid-cols-[2fr_1fr]">
        <section aria-labelledby="brief-title" className="card">
          <h2 id="brief-title" className="text-sm font-bold uppercase tracking-wide text-muted">
            {t("challenges.brief")}
          </h2>
          <RichText html={challenge.briefHtml} className="mt-3" />
        </section>
        <aside aria-labelledby="how-title" className="card space-y-4">
          <h2 id="how-title" className="text-sm font-bold uppercase tracking-wide text-muted">
            {t("challenges.howItWorks")}
          </h2>
          <ChallengeWindowsList challenge={challenge} />
          {challenge.voteBudget ? <p className="text-sm">{t("challenges.budgetRule", { count: challenge.voteBudget })}</p> : null}
          {phase === "submission" ? (
            <Link to={`/ideas/new?challenge=${encodeURIComponent(challenge.slug)}`} className="btn-primary">
              {t("challenges.submitIdea")}
            </Link>
          ) : null}
          {budget ? (
            <p className="rounded-md border border-violet-300 bg-violet-50 p-3 text-sm font-medium text-violet-950" aria-live="polite">
              {signedIn ? t("challenges.budgetLeft", { count: budget.left, total: budget.total }) : t("challenges.budgetVisitor", { count: budget.total })}
            </p>
          ) : null}
        </aside>
      </div>

      {results ? (
        <section id="results" aria-labelledby="results-title" className="mt-8 rounded-lg border-2 border-green-700 bg-green-50 p-6">
          <h2 id="results-title" className="text-xl font-bold text-green-950">
            {t("challenges.results.title")}
          </h2>
          {results.by ? (
            <div className="mt-3">
              <SignedBy person={results.by} />
            </div>
          ) : null}
          {results.noteHtml ? <RichText html={results.noteHtml} className="mt-3" /> : null}
          <ol className="mt-4 space-y-2">
            {results.winners.map((winner) => (
              <li key={winner.ideaId} className="flex flex-wrap items-baseline gap-x-3 rounded-md bg-white p-3">
                <span className="font-bold text-green-900">
                  {winner.rank ? t("challenges.results.place", { ordinal: true, count: winner.rank }) : t("challenges.results.selected")}
                </span>
                <Link to={ideaPath({ id: winner.ideaId, title: winner.title })} className="font-semibold hover:underline">
                  {winner.title}
                </Link>
                <span className="text-sm text-muted">
                  {t("challenges.results.by", { name: winner.authorName })} · {t("votes.count", { count: winner.voteCount, formatted: formatNumber(winner.voteCount) })}
                </span>
              </li>
            ))}
          </ol>
        </section>
      ) : null}

      <section aria-labelledby="ideas-title" className="mt-10">
        <h2 id="ideas-title" className="text-xl font-bold">
          {t("challenges.ideasTitle")}
        </h2>
        <p className="mt-1 text-sm text-muted">{t(`challenges.order.${order}`)}</p>
        {ideas.length === 0 ? (
          <p className="mt-4 text-muted">{phase === "submission" ? t("challenges.noIdeasYet") : t("challenges.noIdeas")}</p>
        ) : (
          <ul className="mt-4 space-y-3">
            {ideas.map((idea) => (
              <IdeaRow key={idea.id} idea={idea} promise={promise} hideChallenge budgetSpent={signedIn && budget?.left === 0} />
            ))}
          </ul>
        )}
        {page > 1 || hasMore ? (
          <nav aria-label={t("challenges.pages")} className="mt-6 flex gap-3">
            {page > 1 ? (
              <Link to={`${path}?page=${page - 1}`} className="btn-secondary">
                {t("challenges.previous")}
              </Link>
            ) : null}
            {hasMore ? (
              <Link to={`${path}?page=${page + 1}`} className="btn-secondary">
                {t("challenges.next")}
              </Link>
            ) : null}
          </nav>
        ) : null}
      </section>
    </article>
  );
}
