import { data, redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/use-translation";
import { personForOpenId } from "~/domain/openid-identities.server";
import { pageTitle } from "~/lib/meta";
import { endedFlowCookie, findProvider, finishOpenIdSignIn } from "~/web/openid-connect.server";
import { safeRedirect } from "~/web/redirects";
import { notFound } from "~/web/responses.server";
import { startSession } from "~/web/session.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "oidc.title");

/** The provider sent the person back: sign them in, or say why not. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const provider = findProvider(params.provider);
  if (!provider) throw notFound();
  const headers = new Headers({ "Set-Cookie": endedFlowCookie() });
  const finished = await finishOpenIdSignIn(request, provider);
  if (!finished) return data({ problem: "failed" as const, provider: provider.label }, { status: 400, headers });
  const person = await personForOpenId(finished.claims);
  if (!person.ok) return data({ problem: person.reason, provider: provider.label }, { status: 400, headers });
  headers.append("Set-Cookie", await startSession(person.value.id, { request, context }));
  throw redirect(safeRedirect(finished.redirectTo, "/"), { headers });
}

export default function OpenIdCallbackPage() {
  const { t } = useTranslation();
  const { problem, provider } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="oidc-title" className="card mx-auto max-w-xl text-center">
      <h1 id="oidc-title" className="text-2xl font-bold">
        {t("oidc.title")}
      </h1>
      <p className="mt-3 text-muted">{t(`oidc.problem.${problem}`, { provider })}</p>
      <p className="mt-6">
        <Link to="/login" className="btn-primary">
          {t("oidc.back")}
        </Link>
      </p>
    </section>
  );
}
