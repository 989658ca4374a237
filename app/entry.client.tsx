import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider } from "react-i18next";
import { provideTranslators } from "~/lib/i18n";
import { browserI18n, browserTranslatorFor, loadBrowserLanguage } from "~/lib/translator";

async function hydrate() {
  // The server chose the language and wrote it on <html lang>; only that language's
  // translations are fetched (root.tsx preloads them).
  try {
    await loadBrowserLanguage(document.documentElement.lang);
  } catch (error) {
    // Without translations the page would hydrate into keys: it stays as the server rendered
    // it, which works without JavaScript.
    console.error(error);
    return;
  }
  provideTranslators(browserTranslatorFor);
  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={browserI18n}>
        <StrictMode>
          <RemixBrowser />
        </StrictMode>
      </I18nextProvider>,
    );
  });
}

void hydrate();
