import { Link } from "@remix-run/react";
import { useTranslation } from "~/lib/use-translation";
import { clsx } from "~/lib/clsx";
import { useFormatters } from "~/lib/format";

const DAY = 24 * 60 * 60 * 1000;

type Answerer = { id: string; displayName: string; jobTitle?: string | null };
export type FirstResponse = { at: Date | string; by: Answerer } | null;

/** The site's promise as a page shows it: the days it gives itself, and "now" from the loader, so server and browser agree. */
export type PromiseContext = { days: number; now: number };

/** How long the idea waited, or has been waiting, and whether that breaks the promise. */
export function promiseState(createdAt: Date | string, firstResponse: FirstResponse, promise: PromiseContext) {
  const created = new Date(createdAt).getTime();
  const waited = (firstResponse ? new Date(firstResponse.at).getTime() : promise.now) - created;
  return { waited, overdue: !firstResponse && waited > promise.days * DAY };
}

/** The listening promise on an idea's page: still waiting (and for how long), or who answered and how fast. */
export function ReplyPromise({ createdAt, firstResponse, promise }: { createdAt: Date | string; firstResponse: FirstResponse; promise: PromiseContext }) {
  const { t } = useTranslation();
  const { formatDuration } = useFormatters();
  const { waited, overdue } = promiseState(createdAt, firstResponse, promise);
  if (firstResponse) {
    return (
      <p className="mt-2 text-sm text-green-900">
        <span aria-hidden="true">✓ </span>
        {t("promise.answeredBy")} <StaffLink person={firstResponse.by} />{" "}
        {t("promise.after", { duration: formatDuration(waited) })}
      </p>
    );
  }
  return (
    <p className={clsx("mt-2 text-sm", overdue ? "font-semibold text-red-800" : "text-amber-900")}>
      {overdue ? <OverdueMark /> : null}
      {t("promise.waiting", { duration: formatDuration(waited), count: promise.days })}
    </p>
  );
}

/** "Overdue", in words, so the promise broken is not told by colour alone. */
export function OverdueMark() {
  const { t } = useTranslation();
  return (
    <>
      <span aria-hidden="true">⚠ </span>
      {t("promise.overdue")}
      {" · "}
    </>
  );
}

/** A staff member by name and job title ("Marta Ruiz, Support Engineer"), linking to their profile. */
export function StaffLink({ person }: { person: Answerer }) {
  return (
    <Link to={`/people/${person.id}`} className="font-semibold underline">
      {person.jobTitle ? `${person.displayName}, ${person.jobTitle}` : person.displayName}
    </Link>
  );
}
