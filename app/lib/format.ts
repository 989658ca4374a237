import { useLanguage } from "~/lib/use-translation";

// Making an Intl formatter costs far more than using one (tens of microseconds, and native
// memory), and a page formats hundreds of values: each formatter is made once per language
// (and time zone) and kept. The cache is bounded because a time zone comes from a cookie.
const MAX_CACHED = 200;
const cache = new Map<string, unknown>();
function once<T>(key: string, make: () => T): T {
  let value = cache.get(key) as T | undefined;
  if (value === undefined) {
    if (cache.size >= MAX_CACHED) cache.clear();
    value = make();
    cache.set(key, value);
  }
  return value;
}

const relativeTimeFormat = (locale: string) => once(`relative|${locale}`, () => new Intl.RelativeTimeFormat(locale, { numeric: "auto" }));

/**
 * Dates and numbers in the reader's language, with Intl. Times are shown in UTC so that the
 * server-rendered text and the hydrated text agree.
 */
export function formatters(locale: string) {
  return once(`formatters|${locale}`, () => {
    const date = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" });
    const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
    const number = new Intl.NumberFormat(locale);
    return {
      formatDate: (value: Date | string | number) => date.format(new Date(value)),
      formatDateTime: (value: Date | string | number) => dateTime.format(new Date(value)),
      formatNumber: (value: number) => number.format(value),
      formatRelative: (value: Date | string | number) => formatRelative(locale, value),
      formatDuration: (ms: number, display: DurationDisplay = "long") => formatDuration(locale, ms, display),
    };
  });
}

/** The formatters of the language the page renders in. */
export function useFormatters() {
  return formatters(useLanguage());
}

/** A moment that matters to the reader (a deadline): in their own time zone, with its name. */
export function formatZonedDateTime(locale: string, timeZone: string, value: Date | string | number) {
  const format = once(
    `zoned|${locale}|${timeZone}`,
    () =>
      new Intl.DateTimeFormat(locale, {
        weekday: "long",
        day: "numeric",
        month: "long",
        year: "numeric",
        hour: "2-digit",
        minute: "2-digit",
        timeZone,
        timeZoneName: "short",
      }),
  );
  return format.format(new Date(value));
}

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

/** "3 days ago" / "hace 3 días", in the largest unit that fits (no larger than `largest`). */
export function formatRelative(locale: string, value: Date | string | number, now = Date.now(), largest: Intl.RelativeTimeFormatUnit = "year") {
  const seconds = (new Date(value).getTime() - now) / 1000;
  const format = relativeTimeFormat(locale);
  for (const [unit, size] of UNITS.slice(UNITS.findIndex(([name]) => name === largest))) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return format.format(0, "minute");
}

/** "long": "4 days", "4 días"; "narrow", for phones: "4d". */
export type DurationDisplay = "long" | "narrow";

const DURATION_UNITS = [
  ["day", 24 * 3600_000],
  ["hour", 3600_000],
  ["minute", 60_000],
] as const;

/**
 * How long something took or has been going on, in its largest whole unit (days, hours or
 * minutes, rounded down; at least one minute), in the reader's language.
 */
export function formatDuration(locale: string, ms: number, display: DurationDisplay = "long") {
  const [unit, size] = DURATION_UNITS.find(([, size]) => ms >= size) ?? DURATION_UNITS[2];
  const format = once(`duration|${locale}|${unit}|${display}`, () => new Intl.NumberFormat(locale, { style: "unit", unit, unitDisplay: display }));
  return format.format(Math.max(1, Math.floor(ms / size)));
}
