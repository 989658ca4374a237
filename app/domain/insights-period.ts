import { formatInTimeZone, fromZonedTime } from "date-fns-tz";

// The period insights look at, and the one before it that they are compared with. Days are the
// reader's (their time zone); a period ends at the end of today unless a custom range says so.

export const PERIOD_CHOICES = ["7d", "30d", "90d", "quarter", "custom"] as const;
export type PeriodChoice = (typeof PERIOD_CHOICES)[number];

export const DAY_MS = 24 * 3600_000;
/** The longest custom range: a year and a day, so that a leap year fits. */
export const MAX_PERIOD_DAYS = 366;

export type Period = {
  /** First moment of the period (inclusive). */
  start: Date;
  /** End of the period (exclusive). */
  end: Date;
  /** The period before, as long as this one: [previousStart, start). */
  previousStart: Date;
  /** Charts count by day up to a month, by week beyond. */
  bucketMs: number;
  /** The calendar days the period covers, as typed in a date field (inclusive). */
  firstDay: string;
  lastDay: string;
};

export function isPeriodChoice(value: unknown): value is PeriodChoice {
  return typeof value === "string" && (PERIOD_CHOICES as readonly string[]).includes(value);
}

/** "2026-11-24" plus `days` days. */
export function addDays(day: string, days: number) {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** True for a real calendar day written "yyyy-mm-dd". */
export function isDay(value: string) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

function daysBetween(first: string, last: string) {
  return Math.round((Date.parse(`${last}T00:00:00Z`) - Date.parse(`${first}T00:00:00Z`)) / DAY_MS) + 1;
}

/** The period for `firstDay`…`lastDay` (both included) in `timeZone`. */
export function periodOfDays(firstDay: string, lastDay: string, timeZone: string): Period {
  const start = fromZonedTime(`${firstDay}T00:00:00`, timeZone);
  const end = fromZonedTime(`${addDays(lastDay, 1)}T00:00:00`, timeZone);
  const days = daysBetween(firstDay, lastDay);
  const previousStart = fromZonedTime(`${addDays(firstDay, -days)}T00:00:00`, timeZone);
  return { start, end, previousStart, bucketMs: days <= 31 ? DAY_MS : 7 * DAY_MS, firstDay, lastDay };
}

/** The period a choice means today; a custom range must have been checked (`customRangeError`). */
export function resolvePeriod(choice: PeriodChoice, now: Date, timeZone: string, custom?: { from: string; to: string }): Period {
  const today = formatInTimeZone(now, timeZone, "yyyy-MM-dd");
  if (choice === "custom" && custom) return periodOfDays(custom.from, custom.to, timeZone);
  if (choice === "quarter") {
    const [year, month] = today.split("-").map(Number) as [number, number];
    const firstMonth = Math.floor((month - 1) / 3) * 3 + 1;
    return periodOfDays(`${year}-${String(firstMonth).padStart(2, "0")}-01`, today, timeZone);
  }
  const days = choice === "7d" ? 7 : choice === "90d" ? 90 : 30;
  return periodOfDays(addDays(today, -(days - 1)), today, timeZone);
}

/** What is wrong with a custom range, as a locale key; null when it is fine. */
export function customRangeError(from: string, to: string): "insights.errors.badDate" | "insights.errors.toBeforeFrom" | "insights.errors.tooLong" | null {
  if (!isDay(from) || !isDay(to)) return "insights.errors.badDate";
  if (to < from) return "insights.errors.toBeforeFrom";
  if (daysBetween(from, to) > MAX_PERIOD_DAYS) return "insights.errors.tooLong";
  return null;
}
