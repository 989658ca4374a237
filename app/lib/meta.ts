import type { MetaDescriptor } from "@remix-run/node";
import { translatorFor } from "~/lib/i18n";

type Matches = Array<{ id: string; data: unknown } | undefined>;

/** "Page — Site" for <title>, in the language the root loader chose for the reader. */
export function pageTitle(matches: Matches, key: string, values?: Record<string, unknown>): MetaDescriptor[] {
  const root = matches.find((match) => match?.id === "root")?.data as
    | { locale?: string; site?: { name: string } | null }
    | undefined;
  const t = translatorFor(root?.locale ?? "en");
  return [{ title: `${t(key, values)} — ${root?.site?.name ?? "Tertulia"}` }];
}
