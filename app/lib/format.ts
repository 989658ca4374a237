import { useTranslation } from "react-i18next";

/**
 * Dates and numbers in the reader's language, with Intl. Times are shown in UTC so that the
 * server-rendered text and the hydrated text agree.
 */
export function formatters(locale: string) {
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" });
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
  const number = new Intl.NumberFormat(locale);
  return {
    formatDate: (value: Date | string | number) => date.format(new Date(value)),
    formatDateTime: (value: Date | string | number) => dateTime.format(new Date(value)),
    formatNumber: (value: number) => number.format(value),
  };
}

export function useFormatters() {
  const { i18n } = useTranslation();
  return formatters(i18n.language);
}
