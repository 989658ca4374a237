import { fromZonedTime } from "date-fns-tz";
import { isAuditAction } from "~/domain/audit-actions";
import type { AuditFilters } from "~/domain/audit.server";
import { timeZoneFromRequest } from "~/lib/time-zone";

/** What the filter form sent, as typed, so that the form shows it again. */
export type AuditFilterForm = { who: string; action: string; from: string; to: string };
export type AuditFilterErrors = Partial<Record<"action" | "from" | "to", string>>;

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const MAX_ID_LENGTH = 64;

/** The start of a calendar day ("2026-11-24") in the reader's time zone; null when it is no real day. */
function startOfDay(day: string, timeZone: string, plusDays = 0) {
  if (!DAY_PATTERN.test(day)) return null;
  const utc = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(utc.getTime()) || utc.toISOString().slice(0, 10) !== day) return null;
  utc.setUTCDate(utc.getUTCDate() + plusDays);
  return fromZonedTime(utc.toISOString().slice(0, 19), timeZone);
}

/**
 * The audit log's filters from the query string (`?who=…&action=…&from=2026-11-01&to=2026-11-24`):
 * who did it, what kind of thing, and the days (both included, in the reader's time zone). A
 * value that makes no sense is left out of the filters and reported as a translated field error.
 */
export function parseAuditFilters(request: Request) {
  const params = new URL(request.url).searchParams;
  const form: AuditFilterForm = {
    who: (params.get("who") ?? "").trim().slice(0, MAX_ID_LENGTH),
    action: (params.get("action") ?? "").trim().slice(0, MAX_ID_LENGTH),
    from: (params.get("from") ?? "").trim().slice(0, 10),
    to: (params.get("to") ?? "").trim().slice(0, 10),
  };
  const errors: AuditFilterErrors = {};
  const filters: AuditFilters = {};
  const timeZone = timeZoneFromRequest(request);

  if (form.who) filters.actorId = form.who;
  if (form.action) {
    if (isAuditAction(form.action)) filters.action = form.action;
    else errors.action = "audit.filters.badAction";
  }
  if (form.from) {
    const from = startOfDay(form.from, timeZone);
    if (from) filters.from = from;
    else errors.from = "audit.filters.badDate";
  }
  if (form.to) {
    const until = startOfDay(form.to, timeZone, 1);
    if (!until) errors.to = "audit.filters.badDate";
    else if (filters.from && until <= filters.from) errors.to = "audit.filters.toBeforeFrom";
    else filters.until = until;
  }
  return { form, filters, errors };
}

/** The query string of these filters (for the export link and the next page), empty values left out. */
export function auditFilterQuery(form: AuditFilterForm, extra: Record<string, string> = {}) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries({ ...form, ...extra })) if (value) params.set(name, value);
  const query = params.toString();
  return query ? `?${query}` : "";
}
