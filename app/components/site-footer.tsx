import { Form, useLocation } from "@remix-run/react";
import { useTranslation } from "~/lib/use-translation";
import type { Theme } from "#db/schema";
import { supportedLocales } from "~/lib/i18n";

const THEME_CHOICES = ["system", "light", "dark"] as const;

/** A row of buttons, one pressed: the footer's language and theme switches. */
function Choices({ label, id, name, options, current }: { label: string; id: string; name: string; options: Array<{ value: string; text: string; lang?: string }>; current: string }) {
  return (
    <>
      <span id={id}>{label}</span>
      <div role="group" aria-labelledby={id} className="flex gap-1">
        {options.map((option) => (
          <button
            key={option.value}
            type="submit"
            name={name}
            value={option.value}
            lang={option.lang}
            aria-pressed={option.value === current}
            className={
              option.value === current
                ? "rounded border border-brand-700 bg-brand-50 px-2 py-1 font-semibold text-brand-800"
                : "rounded border border-stone-300 px-2 py-1 text-stone-700 hover:bg-stone-100"
            }
          >
            {option.text}
          </button>
        ))}
      </div>
    </>
  );
}

/** The footer: the tagline, the public listening record (unless an admin hid it), the language and theme switches. */
export function SiteFooter({ locale, theme, listeningPublic }: { locale: string; theme: Theme | null; listeningPublic: boolean }) {
  const { t } = useTranslation();
  const location = useLocation();
  const here = location.pathname + location.search;
  return (
    <footer className="mt-12 border-t border-stone-200 bg-white">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-4 px-4 py-6 text-sm text-muted">
        <p>
          {t("shell.footerTagline")}
          {listeningPublic && (
            <a href="/listening" className="link ml-1">
              {t("shell.listening")}
            </a>
          )}
        </p>
        <div className="flex flex-wrap items-center gap-x-6 gap-y-3">
          {/* A new language reloads the page: the browser only holds the current one's translations. */}
          <Form method="post" action="/set-language" reloadDocument className="flex items-center gap-2">
            <input type="hidden" name="redirectTo" value={here} />
            <Choices
              label={t("shell.language")}
              id="language-label"
              name="locale"
              options={supportedLocales.map((code) => ({ value: code, text: t(`languages.${code}`), lang: code }))}
              current={locale}
            />
          </Form>
          <Form method="post" action="/set-theme" preventScrollReset className="flex items-center gap-2">
            <input type="hidden" name="redirectTo" value={here} />
            <Choices
              label={t("shell.theme")}
              id="theme-label"
              name="theme"
              options={THEME_CHOICES.map((choice) => ({ value: choice, text: t(`themes.${choice}`) }))}
              current={theme ?? "system"}
            />
          </Form>
        </div>
      </div>
    </footer>
  );
}
