import { useTranslation } from "~/lib/use-translation";

/** A share as a percentage, in the reader's language ("45%", "45 %"). */
export function usePercent() {
  const { i18n } = useTranslation();
  const format = new Intl.NumberFormat(i18n.language, { style: "percent", maximumFractionDigits: 0 });
  return (share: number) => format.format(share);
}
