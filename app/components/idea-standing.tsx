import { Link } from "@remix-run/react";
import { useTranslation } from "~/lib/use-translation";
import { OverdueMark, promiseState, type FirstResponse, type PromiseContext } from "~/components/reply-promise";
import { clsx } from "~/lib/clsx";
import { useFormatters } from "~/lib/format";
import { ideaPath } from "~/lib/paths";

// Where an idea stands, as lists, cards and profiles say it in one line. Apart from
// reply-promise.tsx so that an idea's page, which shows the full sentence, loads none of this.

/** A merged duplicate points to the idea it joined; any other idea tells its reply promise. */
export function IdeaStanding({
  idea,
  promise,
}: {
  idea: { createdAt: Date | string; firstResponse: FirstResponse; mergedInto: { id: number; title: string | null } | null };
  promise: PromiseContext;
}) {
  return idea.mergedInto ? <MergedInto target={idea.mergedInto} /> : <ReplyLine createdAt={idea.createdAt} firstResponse={idea.firstResponse} promise={promise} />;
}

/** Where a merged duplicate lives on: "Merged into #12 Dark mode", linking to it (by its number only when the reader may not see it). */
function MergedInto({ target }: { target: { id: number; title: string | null } }) {
  const { t } = useTranslation();
  return (
    <span>
      {t("ideas.mergedInto")}{" "}
      <Link to={target.title === null ? `/ideas/${target.id}` : ideaPath({ id: target.id, title: target.title })} className="font-medium text-stone-800 underline">
        #{target.id}
        {target.title === null ? null : ` ${target.title}`}
      </Link>
    </span>
  );
}

/**
 * The promise in a list or on a card: "Answered in 1 day by Lucía Fernández" or "Waiting for 4
 * days", overdue marked in words as well as in red. On phones it shrinks to "✓ 1d · Lucía",
 * "waiting 2d" or "Overdue · 4d"; screen readers always get the full sentence.
 */
export function ReplyLine({ createdAt, firstResponse, promise }: { createdAt: Date | string; firstResponse: FirstResponse; promise: PromiseContext }) {
  const { t } = useTranslation();
  const { formatDuration } = useFormatters();
  const { waited, overdue } = promiseState(createdAt, firstResponse, promise);
  const long = formatDuration(waited);
  const short = formatDuration(waited, "narrow");
  if (firstResponse) {
    const name = firstResponse.by.displayName;
    return (
      <span className="text-green-900">
        <span aria-hidden="true">✓ </span>
        <span className="sr-only sm:not-sr-only">{t("promise.answeredIn", { duration: long, name })}</span>
        <span aria-hidden="true" className="sm:hidden">
          {short} · {name.split(" ")[0]}
        </span>
      </span>
    );
  }
  return (
    <span className={clsx(overdue ? "font-semibold text-red-800" : "text-amber-900")}>
      {overdue ? <OverdueMark /> : null}
      <span className="sr-only sm:not-sr-only">{t("promise.waitingFor", { duration: long })}</span>
      <span aria-hidden="true" className="sm:hidden">
        {overdue ? short : t("promise.waitingShort", { duration: short })}
      </span>
    </span>
  );
}
