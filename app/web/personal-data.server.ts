import { getSite } from "~/domain/site.server";
import { translatorFor } from "~/lib/i18n.server";

/**
 * The name a deleted account's ideas and comments are shown under, in the site's default
 * language: the row keeps one name for every reader.
 */
export async function formerMemberName() {
  const site = await getSite();
  return translatorFor(site?.defaultLocale ?? "en")("people.formerMember");
}

/** A person's data as a JSON file the browser saves ("download my data"). */
export function dataDownload(data: unknown, exportedAt: string) {
  return new Response(`${JSON.stringify(data, null, 2)}\n`, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="tertulia-data-${exportedAt.slice(0, 10)}.json"`,
      "Cache-Control": "no-store",
    },
  });
}
