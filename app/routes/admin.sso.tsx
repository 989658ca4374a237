import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/lib/use-translation";
import { getSsoSecret, rotateSsoSecret, SSO_MAX_TOKEN_AGE_SECONDS, ssoAudience } from "~/domain/signed-token-sso.server";
import { appUrl } from "~/lib/app-url.server";
import { pageTitle } from "~/lib/meta";
import { readForm } from "~/web/form-body.server";
import { requireUser } from "~/web/guards.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: "admin" });
  const secret = await getSsoSecret();
  return { secret: secret?.secret ?? null, audience: ssoAudience(), endpoint: appUrl("/sso"), maxAgeMinutes: SSO_MAX_TOKEN_AGE_SECONDS / 60 };
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "admin.sso.title");

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireUser(request, { role: "admin" });
  // Nothing to read but the button: the body is still checked (a form, within its limit, the write limit).
  await readForm({ request, context });
  await rotateSsoSecret(admin.id);
  return { rotated: true };
}

/** The secret the company's product signs its customers' tokens with, and how to use it. */
export default function AdminSsoPage() {
  const { t } = useTranslation();
  const { secret, audience, endpoint, maxAgeMinutes } = useLoaderData<typeof loader>();
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <h1 className="text-3xl font-bold">{t("admin.sso.title")}</h1>
      <p className="mt-2 text-muted">{t("admin.sso.intro")}</p>
      <section aria-labelledby="sso-secret-title" className="card mt-6 space-y-4">
        <h2 id="sso-secret-title" className="text-lg font-semibold">
          {t("admin.sso.secretTitle")}
        </h2>
        {secret ? (
          <div>
            <label htmlFor="sso-secret" className="block text-sm font-semibold">
              {t("admin.sso.secretLabel")}
            </label>
            <input id="sso-secret" readOnly value={secret} className="input mt-1 font-mono text-sm" onFocus={(event) => event.currentTarget.select()} />
          </div>
        ) : (
          <p>{t("admin.sso.none")}</p>
        )}
        <Form method="post">
          <button type="submit" className={secret ? "btn-secondary" : "btn-primary"} disabled={busy}>
            {t(secret ? "admin.sso.rotate" : "admin.sso.create")}
          </button>
        </Form>
      </section>
      <section aria-labelledby="sso-how-title" className="card mt-6 space-y-2">
        <h2 id="sso-how-title" className="text-lg font-semibold">
          {t("admin.sso.howTitle")}
        </h2>
        <p>{t("admin.sso.how", { count: maxAgeMinutes })}</p>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="font-semibold">{t("admin.sso.endpoint")}</dt>
          <dd className="font-mono">{`${endpoint}?token=…&redirectTo=/ideas`}</dd>
          <dt className="font-semibold">{t("admin.sso.audience")}</dt>
          <dd className="font-mono">{audience}</dd>
          <dt className="font-semibold">{t("admin.sso.claims")}</dt>
          <dd className="font-mono">email, name, jti, iat, exp, aud · company</dd>
        </dl>
        <p className="text-sm text-muted">{t("admin.sso.docs")}</p>
      </section>
    </>
  );
}
