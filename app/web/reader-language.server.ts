import type { Locale } from "#db/schema";
import { getSite } from "~/domain/site.server";
import { detectLocale, i18nForRendering } from "~/lib/i18n.server";

/**
 * The reader's language outside a page (a download): as the pages pick it (their own setting,
 * the language switcher, the browser, the site's default), with its translator and the site's name.
 */
export async function readerLanguage(request: Request, user: { locale: Locale | null }) {
  const site = await getSite();
  const locale = await detectLocale(request, user.locale, site?.defaultLocale ?? "en");
  const t = i18nForRendering(locale).t;
  return { locale, t: (key: string, values?: Record<string, unknown>) => t(key, values), siteName: site?.name ?? "Tertulia" };
}
