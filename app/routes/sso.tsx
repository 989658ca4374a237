import { data, redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/use-translation";
import { signInWithSsoToken } from "~/domain/signed-token-sso.server";
import { pageTitle } from "~/lib/meta";
import { safeRedirect } from "~/web/redirects";
import { startSession } from "~/web/session.server";
import { limitRate } from "~/web/throttle.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "sso.title");

/**
 * `/sso?token=…&redirectTo=…`: the company's product sends its signed-in customer here with a
 * token it signed (docs/signed-token-sso.md); a good token signs them in and takes them on.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const token = url.searchParams.get("token");
  if (!token || token.length > 8192) return data({ problem: "invalid" as const }, { status: 400 });
  await limitRate({ context }, "sso");
  const signedIn = await signInWithSsoToken(token);
  if (!signedIn.ok) {
    const status = signedIn.reason === "notConfigured" ? 404 : signedIn.reason === "staff" ? 403 : 400;
    return data({ problem: signedIn.reason }, { status });
  }
  const next = safeRedirect(url.searchParams.get("redirectTo"), "/");
  throw redirect(next, { headers: { "Set-Cookie": await startSession(signedIn.value.id, { request, context }) } });
}

export default function SsoPage() {
  const { t } = useTranslation();
  const { problem } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="sso-title" className="card mx-auto max-w-xl text-center">
      <h1 id="sso-title" className="text-2xl font-bold">
        {t("sso.title")}
      </h1>
      <p className="mt-3 text-muted">{t(`sso.problem.${problem}`)}</p>
      <p className="mt-6">
        <Link to="/login" className="btn-primary">
          {t("sso.login")}
        </Link>
      </p>
    </section>
  );
}
