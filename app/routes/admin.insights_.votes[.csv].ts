import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportVotes } from "~/domain/exports.server";
import { now } from "~/lib/clock.server";
import { csvFilename, csvResponse } from "~/web/csv.server";
import { requireUser } from "~/web/guards.server";
import { parseInsightsFilters } from "~/web/insights-filters.server";
import { readerLanguage } from "~/web/reader-language.server";

const COLUMNS = ["ideaId", "idea", "person", "company", "votedAt"];

/** `/admin/insights/votes.csv`: the votes cast in the insights page's period, with its filters. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: "staff" });
  const { period, filters } = parseInsightsFilters(request);
  const { t, siteName } = await readerLanguage(request, user);
  async function* rows() {
    for await (const batch of exportVotes(period, filters)) yield batch.map((vote) => [vote.ideaId, vote.idea, vote.person, vote.company, vote.createdAt]);
  }
  return csvResponse(csvFilename(siteName, "votes", now()), COLUMNS.map((column) => t(`insights.csv.votes.${column}`)), rows());
}
