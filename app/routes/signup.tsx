import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, TextField } from "~/components/forms";
import { createPerson } from "~/domain/people.server";
import { isLocale } from "~/lib/i18n";
import { pageTitle } from "~/lib/meta";
import { signupSchema } from "~/web/account-forms";
import { consumeRate, rateLimitMessage, retryAfterHeader } from "~/web/throttle.server";
import { safeRedirect } from "~/web/redirects";
import { getOptionalUser, startSession } from "~/web/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getOptionalUser(request)) throw redirect("/");
  return null;
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "signup.title");

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: signupSchema });
  if (submission.status !== "success") return submission.reply({ hideFields: ["password"] });
  // Counted once the form is complete: a person correcting a typo is not held back.
  const counted = await consumeRate({ context }, "signup");
  if (!counted.ok) {
    return data(submission.reply({ formErrors: [rateLimitMessage(counted)], hideFields: ["password"] }), { status: 429, headers: retryAfterHeader(counted) });
  }
  const locale = formData.get("locale");
  const person = await createPerson({ ...submission.value, locale: isLocale(locale) ? locale : null });
  if (!person.ok) return submission.reply({ fieldErrors: { email: ["errors.account.emailTaken"] }, hideFields: ["password"] });
  const redirectTo = safeRedirect(String(formData.get("redirectTo") ?? ""), "/");
  throw redirect(redirectTo, { headers: { "Set-Cookie": await startSession(person.value.id) } });
}

export default function SignupPage() {
  const { t, i18n } = useTranslation();
  const [searchParams] = useSearchParams();
  const redirectTo = searchParams.get("redirectTo") ?? "";
  const lastResult = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(signupSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: signupSchema }),
  });
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
        <p className="text-center text-sm">
          {t("signup.haveAccount")}{" "}
          <Link className="link" to={`/login${redirectTo ? `?${new URLSearchParams({ redirectTo })}` : ""}`}>
            {t("nav.login")}
          </Link>
        </p>
      </Form>
    </div>
  );
}
