import type { LoaderFunctionArgs } from "@remix-run/node";
import { allAuditEntries } from "~/domain/audit.server";
import { now } from "~/lib/clock.server";
import { sayPhrase } from "~/lib/phrase";
import { auditFilterQuery, parseAuditFilters } from "~/web/audit-filters.server";
import { csvFilename, csvResponse } from "~/web/csv.server";
import { requireUser } from "~/web/guards.server";
import { readerLanguage } from "~/web/reader-language.server";

/** `/admin/audit.csv`: the audit log as the page's filters select it, in sentences in the reader's language. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: "admin" });
  const { form, filters, errors } = parseAuditFilters(request);
  // Filters that make no sense go back to the page, which says what is wrong with them.
  if (Object.keys(errors).length > 0) return new Response(null, { status: 303, headers: { Location: `/admin/audit${auditFilterQuery(form)}` } });
  const { locale, t, siteName } = await readerLanguage(request, user);
  async function* rows() {
    for await (const batch of allAuditEntries(filters)) {
      yield batch.map((entry) => [entry.createdAt, entry.actorName ?? "", entry.action, sayPhrase(t, locale, entry.sentence), entry.targetType, entry.targetId]);
    }
  }
  const header = ["when", "who", "action", "what", "targetType", "targetId"].map((column) => t(`audit.csv.${column}`));
  return csvResponse(csvFilename(siteName, "audit", now()), header, rows());
}
