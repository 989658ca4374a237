import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { provideTranslators } from "~/lib/i18n";
import { browserTranslations, browserTranslatorFor, loadBrowserLanguage } from "~/lib/translator";
import { TranslationProvider } from "~/lib/use-translation";

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
      <TranslationProvider translations={browserTranslations}>
        <StrictMode>
          <RemixBrowser />
        </StrictMode>
      </TranslationProvider>,
    );
  });
}

void hydrate();
