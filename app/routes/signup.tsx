import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/lib/use-translation";
import { FormErrors, TextField } from "~/components/forms";
import { CheckYourEmail } from "~/components/check-your-email";
import { signUp } from "~/domain/sign-up.server";
import { checkSignUp, signupFormOpen } from "~/domain/signup-policy.server";
import { isLocale } from "~/lib/i18n";
import { pageTitle } from "~/lib/meta";
import { signupSchema } from "~/web/account-forms";
import { limitSignUp, rateLimitMessage, retryAfterHeader } from "~/web/throttle.server";
import { safeRedirect } from "~/web/redirects";
import { getOptionalUser } from "~/web/session.server";
import { readForm } from "~/web/form-body.server";
import { parseSubmission } from "~/web/submission.server";
import { weakPasswordError } from "~/web/password-strength.server";

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getOptionalUser(request)) throw redirect("/");
  return { constraint: getZodConstraint(signupSchema), open: await signupFormOpen() };
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "signup.title");

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm({ request, context });
  const submission = parseSubmission(formData, { schema: signupSchema });
  if (submission.status !== "success") return submission.reply({ hideFields: ["password"] });
  const allowed = await checkSignUp({ email: submission.value.email, via: "password" });
  if (!allowed.ok) {
    return allowed.reason === "domainNotAllowed"
      ? submission.reply({ fieldErrors: { email: ["errors.signup.domainNotAllowed"] }, hideFields: ["password"] })
      : submission.reply({ formErrors: ["errors.signup.inviteOnly"], hideFields: ["password"] });
  }
  const weak = weakPasswordError(submission.value.password, [submission.value.email, submission.value.displayName]);
  if (weak) return submission.reply({ fieldErrors: { password: [weak] }, hideFields: ["password"] });
  // Counted once the form is complete: a person correcting a typo is not held back.
  const limited = await limitSignUp({ context }, submission.value.email);
  if (limited) {
    return data(submission.reply({ formErrors: [rateLimitMessage(limited)], hideFields: ["password"] }), { status: 429, headers: retryAfterHeader(limited) });
  }
  const locale = formData.get("locale");
  const redirectTo = safeRedirect(String(formData.get("redirectTo") ?? ""));
  // The same answer whether or not the address has an account: the email says which it was.
  await signUp({ ...submission.value, locale: isLocale(locale) ? locale : null, redirectTo });
  return { sentTo: submission.value.email };
}

export default function SignupPage() {
  const { t, i18n } = useTranslation();
  const { constraint, open } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const redirectTo = searchParams.get("redirectTo") ?? "";
  const actionData = useActionData<typeof action>();
  const lastResult = actionData && "sentTo" in actionData ? undefined : actionData;
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useForm({
    lastResult,
    constraint,
  });
  if (actionData && "sentTo" in actionData) {
    return <CheckYourEmail title={t("signup.sentTitle")} body={t("signup.sentBody", { email: actionData.sentTo })} />;
  }
  const logInLink = (
    <p className="text-center text-sm">
      {t("signup.haveAccount")}{" "}
      <Link className="link" to={`/login${redirectTo ? `?${new URLSearchParams({ redirectTo })}` : ""}`}>
        {t("nav.login")}
      </Link>
    </p>
  );
  if (!open) {
    return (
      <div className="mx-auto max-w-md">
        <h1 className="text-3xl font-bold">{t("signup.title")}</h1>
        <div className="card mt-6 space-y-4">
          <p>{t("signup.inviteOnly")}</p>
          {logInLink}
        </div>
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-3xl font-bold">{t("signup.title")}</h1>
      <p className="mt-2 text-muted">{t("signup.intro")}</p>
      <Form method="post" {...getFormProps(form)} className="card mt-6 space-y-4">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        {/* New accounts start in the language they signed up in. */}
        <input type="hidden" name="locale" value={i18n.language} />
        <TextField label={t("account.displayName")} hint={t("signup.displayNameHint")} meta={fields.displayName} autoComplete="name" />
        <TextField label={t("account.email")} meta={fields.email} type="email" autoComplete="email" />
        <TextField
          label={t("account.password")}
          hint={t("account.passwordHint", { count: 10 })}
          meta={fields.password}
          type="password"
          autoComplete="new-password"
        />
        <button type="submit" className="btn-primary w-full" disabled={busy}>
          {t("signup.submit")}
        </button>
        {logInLink}
      </Form>
    </div>
  );
}
