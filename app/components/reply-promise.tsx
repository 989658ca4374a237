import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { clsx } from "~/lib/clsx";

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/** "2 days", "5 hours", "less than an hour", in the reader's language. */
export function useDuration() {
  const { t } = useTranslation();
  return (ms: number) => {
    if (ms >= DAY) return t("duration.days", { count: Math.floor(ms / DAY) });
    if (ms >= HOUR) return t("duration.hours", { count: Math.floor(ms / HOUR) });
    return t("duration.lessThanHour");
  };
}

/** The listening promise on an idea: still waiting (and for how long), or who answered and how fast. */
export function ReplyPromise({
  createdAt,
  firstResponse,
  promiseDays,
  now,
}: {
  createdAt: Date | string;
  firstResponse: { at: Date | string; by: { id: string; displayName: string; jobTitle: string | null } } | null;
  promiseDays: number;
  /** From the loader, so the server and the browser agree on "now". */
  now: number;
}) {
  const { t } = useTranslation();
  const duration = useDuration();
  const created = new Date(createdAt).getTime();
  if (firstResponse) {
    const by = firstResponse.by.jobTitle ? `${firstResponse.by.displayName}, ${firstResponse.by.jobTitle}` : firstResponse.by.displayName;
    return (
      <p className="mt-2 text-sm text-green-900">
        <span aria-hidden="true">✓ </span>
        {t("promise.answeredBy")}{" "}
        <Link to={`/people/${firstResponse.by.id}`} className="font-semibold underline">
          {by}
        </Link>{" "}
        {t("promise.after", { duration: duration(new Date(firstResponse.at).getTime() - created) })}
      </p>
    );
  }
  const waited = now - created;
  const overdue = waited > promiseDays * DAY;
  return (
    <p className={clsx("mt-2 text-sm", overdue ? "font-semibold text-red-800" : "text-amber-900")}>
      {t("promise.waiting", { duration: duration(waited), count: promiseDays })}
    </p>
  );
}
