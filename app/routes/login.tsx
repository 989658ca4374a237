import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/lib/use-translation";
import { FormErrors, TextField } from "~/components/forms";
import { verifyCredentials } from "~/domain/people.server";
import { isStaff } from "~/domain/roles";
import { pageTitle } from "~/lib/meta";
import { loginSchema } from "~/web/account-forms";
import { safeRedirect } from "~/web/redirects";
import { getOptionalUser, startSession } from "~/web/session.server";
import { rateLimitMessage, retryAfterHeader, signInThrottle } from "~/web/throttle.server";
import { readForm } from "~/web/form-body.server";
import { parseSubmission } from "~/web/submission.server";
import { openIdProviders, staffSignInOnlyThroughProvider } from "~/web/openid-connect.server";

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getOptionalUser(request)) {
    throw redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo"), "/"));
  }
  // The company's own sign-in, a button each (the secrets stay on the server).
  return { constraint: getZodConstraint(loginSchema), providers: openIdProviders().map(({ id, label }) => ({ id, label })) };
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "login.title");

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm({ request, context });
  const submission = parseSubmission(formData, { schema: loginSchema });
  if (submission.status !== "success") return submission.reply({ hideFields: ["password"] });
  // Too many wrong passwords for this account from here, or from here at all: wait, then try.
  const throttle = await signInThrottle({ context }, submission.value.email);
  if (throttle.refusal) {
    return data(submission.reply({ formErrors: [rateLimitMessage(throttle.refusal)], hideFields: ["password"] }), {
      status: 429,
      headers: retryAfterHeader(throttle.refusal),
    });
  }
  const person = await verifyCredentials(submission.value.email, submission.value.password);
  if (!person) {
    await throttle.failed();
    // One message for an unknown email and a wrong password: no hint of who has an account.
    return submission.reply({ formErrors: ["errors.account.badCredentials"], hideFields: ["password"] });
  }
  await throttle.succeeded();
  if (isStaff(person) && staffSignInOnlyThroughProvider()) {
    return submission.reply({ formErrors: ["errors.account.staffUseProvider"], hideFields: ["password"] });
  }
  const redirectTo = safeRedirect(String(formData.get("redirectTo") ?? ""), "/");
  throw redirect(redirectTo, { headers: { "Set-Cookie": await startSession(person.id, { request, context }) } });
}

export default function LoginPage() {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const redirectTo = searchParams.get("redirectTo") ?? "";
  const lastResult = useActionData<typeof action>();
  const { constraint, providers } = useLoaderData<typeof loader>();
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useForm({
    lastResult,
    constraint,
  });
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-3xl font-bold">{t("login.title")}</h1>
      {redirectTo ? <p className="mt-2 text-muted">{t("login.needed")}</p> : null}
      <Form method="post" {...getFormProps(form)} className="card mt-6 space-y-4">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TextField label={t("account.email")} meta={fields.email} type="email" autoComplete="email" />
        <TextField label={t("account.password")} meta={fields.password} type="password" autoComplete="current-password" />
        <p className="text-sm">
          <Link className="link" to="/forgot-password">
            {t("login.forgot")}
          </Link>
        </p>
        <button type="submit" className="btn-primary w-full" disabled={busy}>
          {t("login.submit")}
        </button>
        <p className="text-center text-sm">
          {t("login.noAccount")}{" "}
          <Link className="link" to={`/signup${redirectTo ? `?${new URLSearchParams({ redirectTo })}` : ""}`}>
            {t("nav.signup")}
          </Link>
        </p>
      </Form>
      {providers.length > 0 ? (
        <div className="card mt-4 space-y-3">
          <p className="text-center text-sm text-muted">{t("login.orWith")}</p>
          {providers.map((provider) => (
            <a
              key={provider.id}
              className="btn-secondary w-full"
              href={`/auth/oidc/${provider.id}${redirectTo ? `?${new URLSearchParams({ redirectTo })}` : ""}`}
            >
              {provider.label}
            </a>
          ))}
        </div>
      ) : null}
    </div>
  );
}
