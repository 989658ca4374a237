import { customRangeError, isPeriodChoice, resolvePeriod, type PeriodChoice } from "~/domain/insights-period";
import type { InsightsAsk, InsightsFilters } from "~/domain/insights.server";
import { now } from "~/lib/clock.server";
import { timeZoneFromRequest } from "~/lib/time-zone";
import { idField } from "~/web/params";

/** The insights form as typed, so that it shows again as it was. */
export type InsightsForm = { period: PeriodChoice; from: string; to: string; category: string; challenge: string };

const DEFAULT_PERIOD: PeriodChoice = "30d";

/**
 * The period and filters of /admin/insights and its exports, from the query string
 * (`?period=90d&category=3`, `?period=custom&from=2026-01-01&to=2026-03-31&challenge=2`). A
 * custom range that makes no sense falls back to the default period, with a translated error
 * for the field; an unknown period or a filter that is not an id is ignored.
 */
export function parseInsightsFilters(request: Request) {
  const params = new URL(request.url).searchParams;
  const asked = params.get("period");
  const form: InsightsForm = {
    period: isPeriodChoice(asked) ? asked : DEFAULT_PERIOD,
    from: (params.get("from") ?? "").trim().slice(0, 10),
    to: (params.get("to") ?? "").trim().slice(0, 10),
    category: "",
    challenge: "",
  };
  const filters: InsightsFilters = {};
  const category = idField.safeParse(params.get("category") ?? undefined);
  if (category.success) {
    filters.categoryId = category.data;
    form.category = String(category.data);
  }
  const challenge = idField.safeParse(params.get("challenge") ?? undefined);
  if (challenge.success) {
    filters.challengeId = challenge.data;
    form.challenge = String(challenge.data);
  }
  const timeZone = timeZoneFromRequest(request);
  let error: string | null = null;
  let choice = form.period;
  if (choice === "custom") {
    error = customRangeError(form.from, form.to);
    if (error) choice = DEFAULT_PERIOD;
  }
  const custom = choice === "custom" ? { from: form.from, to: form.to } : undefined;
  const period = resolvePeriod(choice, now(), timeZone, custom);
  // What the page asks for, as the kept figures know it (decision 0024): "the last 90 days" moves with the day.
  const ask: InsightsAsk = { choice, timeZone, custom, filters };
  return { form, filters, period, timeZone, error, ask };
}

/** The query string of these choices (for links to the exports), empty values left out. */
export function insightsQuery(form: InsightsForm) {
  const params = new URLSearchParams({ period: form.period });
  if (form.period === "custom") {
    params.set("from", form.from);
    params.set("to", form.to);
  }
  if (form.category) params.set("category", form.category);
  if (form.challenge) params.set("challenge", form.challenge);
  return `?${params}`;
}
