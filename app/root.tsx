import {
  data,
  redirect,
  type HeadersFunction,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { useFollowLanguage, useTranslation } from "~/lib/use-translation";
import { ConfirmAddressNotice } from "~/components/confirm-address";
import { useErrorText } from "~/components/error-text";
import { SiteFooter } from "~/components/site-footer";
import { SiteHeader } from "~/components/site-header";
import { unreadCount } from "~/domain/notifications.server";
import { siteStyle } from "~/web/site-style.server";
import { getSite } from "~/domain/site.server";
import { translationUrls } from "~/lib/i18n";
import { detectLocale } from "~/lib/i18n.server";
import { useNonce } from "~/lib/nonce";
import { themeFor } from "~/lib/theme.server";
import { timeZoneFromRequest } from "~/lib/time-zone";
import { getSession } from "~/web/session.server";
import stylesheet from "~/tailwind.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const site = await getSite();
  // First run: until the site exists, every page leads to /setup.
  if (!site && new URL(request.url).pathname !== "/setup") throw redirect("/setup");
  const { user, setCookie } = await getSession(request);
  const locale = await detectLocale(request, user?.locale, site?.defaultLocale ?? "en");
  return data(
    {
      locale,
      theme: await themeFor(request, user),
      timeZone: timeZoneFromRequest(request),
      // The accent's colours and the logo are CSS custom properties on <html>, made here: their
      // code stays out of the browser (every byte counts on the idea page: docs/performance.md).
      site: site ? { name: site.name, style: siteStyle(site), listeningPublic: site.listeningPublic } : null,
      user: user
        ? {
            id: user.id,
            displayName: user.displayName,
            role: user.role,
            photoId: user.photoId,
            unread: await unreadCount(user.id),
            // Until the address is confirmed, every page reminds them (and says where the link went).
            unconfirmedEmail: user.emailVerified ? null : user.email,
          }
        : null,
    },
    { headers: setCookie ? { "Set-Cookie": setCookie } : undefined },
  );
}

// Sliding session renewal sets a cookie from the root loader; keep it on document responses,
// and a 429's Retry-After (thrown by any loader or action) too.
export const headers: HeadersFunction = ({ loaderHeaders, actionHeaders, errorHeaders }) => {
  const headers = new Headers();
  for (const cookie of loaderHeaders.getSetCookie()) headers.append("Set-Cookie", cookie);
  const retryAfter = errorHeaders?.get("Retry-After") ?? actionHeaders.get("Retry-After");
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
};

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.site?.name ?? "Tertulia" }];

export type RootData = ReturnType<typeof useRootData>;
export function useRootData() {
  return useRouteLoaderData<typeof loader>("root");
}

export function Layout({ children }: { children: React.ReactNode }) {
  const rootData = useRootData();
  const locale = rootData?.locale ?? "en";
  // The reminder to confirm one's address, except on the pages that do it.
  const unconfirmedEmail = useLocation().pathname.startsWith("/verify-email") ? null : rootData?.user?.unconfirmedEmail;
  // The chosen theme is in the HTML from the first byte (the stylesheet does the rest), so the
  // page never shows the other theme first; none chosen follows the system's preference.
  const theme = rootData?.theme ?? null;
  const { t } = useTranslation();
  const nonce = useNonce();
  useFollowLanguage(locale);
  return (
    <html lang={locale} dir="ltr" data-theme={theme ?? undefined} style={rootData?.site?.style}>
      <head>
        <meta charSet="utf-8" />
        <meta name="color-scheme" content={theme ?? "light dark"} />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        {/* The reader's language only; entry.client.tsx fetches it before hydrating. */}
        <link rel="preload" href={translationUrls[locale]} as="fetch" crossOrigin="anonymous" />
        <Links />
      </head>
      <body className="flex min-h-screen flex-col font-sans antialiased">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50 focus:rounded focus:bg-white focus:px-4 focus:py-2"
        >
          {t("shell.skipToContent")}
        </a>
        <SiteHeader siteName={rootData?.site?.name} user={rootData?.user ?? null} settingUp={rootData?.site === null} />
        <main id="main" tabIndex={-1} className="mx-auto w-full max-w-5xl flex-1 px-4 py-8 focus:outline-none">
          {unconfirmedEmail ? (
            <div className="mb-6">
              <ConfirmAddressNotice email={unconfirmedEmail} reason="reminder" />
            </div>
          ) : null}
          {children}
        </main>
        <SiteFooter locale={locale} theme={theme} listeningPublic={rootData?.site?.listeningPublic ?? false} />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const details = isRouteErrorResponse(error) && typeof error.data === "object" && error.data ? (error.data as { blockedReason?: string; unverifiedEmail?: string; rateLimited?: string }) : {};
  const blockedReason = details.blockedReason;
  const kind =
    blockedReason !== undefined
      ? "blocked"
      : details.unverifiedEmail
        ? "unverified"
        : status === 404
          ? "notFound"
          : status === 403
            ? "forbidden"
            : status === 429
              ? "tooManyRequests"
              : status === 413
                ? "tooLarge"
                : status >= 400 && status < 500
                  ? "badRequest"
                  : "unexpected";
  const errorText = useErrorText();
  return (
    <section aria-labelledby="error-title" className="card mx-auto max-w-xl text-center">
      <p className="text-sm font-semibold text-brand-700">{status}</p>
      <h1 id="error-title" className="mt-2 text-2xl font-bold">
        {t(`errors.page.${kind}.title`)}
      </h1>
      <p className="mt-3 text-muted">{t(`errors.page.${kind}.body`, { reason: blockedReason, email: details.unverifiedEmail })}</p>
      {details.rateLimited ? <p className="mt-2 font-medium">{errorText(details.rateLimited)}</p> : null}
      {import.meta.env.DEV && error instanceof Error ? (
        <pre className="mt-6 overflow-auto text-left text-xs">{error.stack}</pre>
      ) : null}
      <a href="/" className="btn-primary mt-6">
        {t("errors.page.home")}
      </a>
    </section>
  );
}
