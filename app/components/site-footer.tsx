import { Form, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { supportedLocales } from "~/lib/i18n";

export function SiteFooter({ locale }: { locale: string }) {
  const { t } = useTranslation();
  const location = useLocation();
  return (
    <footer className="mt-12 border-t border-stone-200 bg-white">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-4 px-4 py-6 text-sm text-muted">
        <p>{t("shell.footerTagline")}</p>
        <Form method="post" action="/set-language" reloadDocument className="flex items-center gap-2">
          <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
          <span id="language-label">{t("shell.language")}</span>
          <div role="group" aria-labelledby="language-label" className="flex gap-1">
            {supportedLocales.map((code) => (
              <button
                key={code}
                type="submit"
                name="locale"
                value={code}
                lang={code}
                aria-pressed={code === locale}
                className={
                  code === locale
                    ? "rounded border border-brand-700 bg-brand-50 px-2 py-1 font-semibold text-brand-800"
                    : "rounded border border-stone-300 px-2 py-1 text-stone-700 hover:bg-stone-100"
                }
              >
                {t(`languages.${code}`)}
              </button>
            ))}
          </div>
        </Form>
      </div>
    </footer>
  );
}
