import { formatInTimeZone, fromZonedTime } from "date-fns-tz";

/** The cookie a browser's time zone is kept in, so server-rendered times are in the reader's zone. */
export const TIME_ZONE_COOKIE = "tz";

// Zones already found valid: asking Intl means making a formatter, too dear for every request.
// Bounded, because the value comes from a cookie.
const knownZones = new Set<string>();
const MAX_KNOWN_ZONES = 500;

export function isValidTimeZone(value: unknown): value is string {
  if (typeof value !== "string" || value.length === 0 || value.length > 64) return false;
  if (knownZones.has(value)) return true;
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
  } catch {
    return false;
  }
  if (knownZones.size >= MAX_KNOWN_ZONES) knownZones.clear();
  knownZones.add(value);
  return true;
}

/** A `datetime-local` value ("2026-12-01T09:00") read as a wall-clock time in `timeZone`. */
export function parseLocalDateTime(value: string, timeZone: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const date = fromZonedTime(value, timeZone);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** The `datetime-local` value that shows `date` as a wall-clock time in `timeZone`. */
export function toLocalDateTime(date: Date | string | number, timeZone: string) {
  return formatInTimeZone(new Date(date), timeZone, "yyyy-MM-dd'T'HH:mm");
}

const TIME_ZONE_COOKIE_PATTERN = new RegExp(`(?:^|;\\s*)${TIME_ZONE_COOKIE}=([^;]+)`);

/** The reader's time zone from the cookie their browser set; UTC until it has set one. */
export function timeZoneFromRequest(request: Request) {
  const cookie = request.headers.get("Cookie") ?? "";
  const match = TIME_ZONE_COOKIE_PATTERN.exec(cookie);
  let value: string | null = null;
  try {
    value = match ? decodeURIComponent(match[1]!) : null;
  } catch {
    // A mangled cookie (a stray "%") is no time zone.
  }
  return isValidTimeZone(value) ? value : "UTC";
}
