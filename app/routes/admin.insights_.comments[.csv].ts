import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportComments } from "~/domain/exports.server";
import { now } from "~/lib/clock.server";
import { csvFilename, csvResponse } from "~/web/csv.server";
import { requireUser } from "~/web/guards.server";
import { parseInsightsFilters } from "~/web/insights-filters.server";
import { readerLanguage } from "~/web/reader-language.server";

const COLUMNS = ["ideaId", "idea", "commentId", "author", "kind", "writtenAt"];

/** `/admin/insights/comments.csv`: the comments written in the insights page's period; internal notes marked as such (staff only). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: "staff" });
  const { period, filters } = parseInsightsFilters(request);
  const { t, siteName } = await readerLanguage(request, user);
  async function* rows() {
    for await (const batch of exportComments(period, filters)) {
      yield batch.map((comment) => [comment.ideaId, comment.idea, comment.id, comment.author, t(`insights.csv.${comment.kind}`), comment.createdAt]);
    }
  }
  return csvResponse(csvFilename(siteName, "comments", now()), COLUMNS.map((column) => t(`insights.csv.comments.${column}`)), rows());
}
