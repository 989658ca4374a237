import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/lib/use-translation";
import { CheckYourEmail } from "~/components/check-your-email";
import { FormErrors, TextField } from "~/components/forms";
import { requestPasswordReset } from "~/domain/password-reset.server";
import { pageTitle } from "~/lib/meta";
import { forgotPasswordSchema } from "~/web/account-forms";
import { limitAccountEmails, rateLimitMessage, retryAfterHeader } from "~/web/throttle.server";
import { readForm } from "~/web/form-body.server";
import { parseSubmission } from "~/web/submission.server";

export function loader() {
  return { constraint: getZodConstraint(forgotPasswordSchema) };
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "forgotPassword.title");

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseSubmission(await readForm({ request, context }), { schema: forgotPasswordSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const limited = await limitAccountEmails({ context }, submission.value.email);
  if (limited) return data(submission.reply({ formErrors: [rateLimitMessage(limited)] }), { status: 429, headers: retryAfterHeader(limited) });
  // The same answer whether or not the address has an account.
  await requestPasswordReset(submission.value.email);
  return { sentTo: submission.value.email };
}

export default function ForgotPasswordPage() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const { constraint } = useLoaderData<typeof loader>();
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useForm({ lastResult: actionData && "sentTo" in actionData ? undefined : actionData, constraint });
  if (actionData && "sentTo" in actionData) {
    return (
      <CheckYourEmail title={t("forgotPassword.sentTitle")} body={t("forgotPassword.sentBody", { email: actionData.sentTo })}>
        <p className="text-sm text-muted">{t("forgotPassword.sentHint")}</p>
      </CheckYourEmail>
    );
  }
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-3xl font-bold">{t("forgotPassword.title")}</h1>
      <p className="mt-2 text-muted">{t("forgotPassword.intro")}</p>
      <Form method="post" {...getFormProps(form)} className="card mt-6 space-y-4">
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField label={t("account.email")} meta={fields.email} type="email" autoComplete="email" />
        <button type="submit" className="btn-primary w-full" disabled={busy}>
          {t("forgotPassword.submit")}
        </button>
        <p className="text-center text-sm">
          <Link className="link" to="/login">
            {t("forgotPassword.backToLogin")}
          </Link>
        </p>
      </Form>
    </div>
  );
}
