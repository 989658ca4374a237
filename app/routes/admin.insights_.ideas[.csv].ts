import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportIdeas } from "~/domain/exports.server";
import { now } from "~/lib/clock.server";
import { csvFilename, csvResponse } from "~/web/csv.server";
import { requireUser } from "~/web/guards.server";
import { parseInsightsFilters } from "~/web/insights-filters.server";
import { readerLanguage } from "~/web/reader-language.server";

const COLUMNS = ["id", "title", "status", "category", "challenge", "author", "company", "votes", "comments", "posted", "firstReplyAt", "firstReplyBy", "adoptedAt", "adoptedBy"];

/** `/admin/insights/ideas.csv`: the ideas posted in the insights page's period, with its filters. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: "staff" });
  const { period, filters } = parseInsightsFilters(request);
  const { t, siteName } = await readerLanguage(request, user);
  async function* rows() {
    for await (const batch of exportIdeas(period, filters)) {
      yield batch.map((idea) => [
        idea.id,
        idea.title,
        t(`statuses.${idea.status}.label`),
        idea.category,
        idea.challenge,
        idea.author,
        idea.company,
        idea.votes,
        idea.comments,
        idea.createdAt,
        idea.firstResponseAt,
        idea.firstResponder,
        idea.adoptedAt,
        idea.adopter,
      ]);
    }
  }
  return csvResponse(csvFilename(siteName, "ideas", now()), COLUMNS.map((column) => t(`insights.csv.ideas.${column}`)), rows());
}
