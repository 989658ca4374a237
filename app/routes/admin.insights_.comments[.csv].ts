import type { LoaderFunctionArgs } from "@remix-run/node";
import { now } from "~/lib/clock.server";
import { requireUser } from "~/web/guards.server";
import { commentsCsv } from "~/web/insights-exports.server";
import { parseInsightsFilters } from "~/web/insights-filters.server";
import { readerLanguage } from "~/web/reader-language.server";

/** `/admin/insights/comments.csv`: the comments written in the insights page's period; internal notes marked as such (staff only). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: "staff" });
  const { period, filters } = parseInsightsFilters(request);
  const { t, siteName } = await readerLanguage(request, user);
  return commentsCsv({ range: period, filters, t, siteName, day: now() });
}
