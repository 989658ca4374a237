import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/lib/use-translation";
import { UsedUpLink } from "~/components/emailed-link";
import { FormErrors, TextField } from "~/components/forms";
import { findUsableAccountToken } from "~/domain/account-tokens.server";
import { resetPassword } from "~/domain/password-reset.server";
import { pageTitle } from "~/lib/meta";
import { newPasswordSchema, PASSWORD_MIN } from "~/web/account-forms";
import { startSession } from "~/web/session.server";
import { readForm } from "~/web/form-body.server";
import { weakPasswordError } from "~/web/password-strength.server";
import { parseSubmission } from "~/web/submission.server";

// Opening the link only shows the form (mail scanners open links too); the POST uses it up.
export async function loader({ params }: LoaderFunctionArgs) {
  const token = await findUsableAccountToken(params.token ?? "", "password_reset");
  return { usable: token !== null, email: token?.email ?? null, constraint: getZodConstraint(newPasswordSchema) };
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "resetPassword.title");

export async function action({ request, params, context }: ActionFunctionArgs) {
  const submission = parseSubmission(await readForm({ request, context }), { schema: newPasswordSchema });
  if (submission.status !== "success") return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  const weak = weakPasswordError(submission.value.password);
  if (weak) return data(submission.reply({ fieldErrors: { password: [weak] }, hideFields: ["password"] }), { status: 400 });
  const person = await resetPassword(params.token ?? "", submission.value.password);
  // Used or expired meanwhile: the page says so.
  if (!person.ok) throw redirect(new URL(request.url).pathname);
  // Every session of this person has ended, this browser's too: a new one starts here.
  throw redirect("/", { headers: { "Set-Cookie": await startSession(person.value.id, { request, context }) } });
}

export default function ResetPasswordPage() {
  const { t } = useTranslation();
  const { usable, email, constraint } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useForm({
    lastResult,
    constraint,
  });
  if (!usable) {
    return (
      <UsedUpLink
        page={t("resetPassword.title")}
        title={t("resetPassword.unusable.title")}
        body={t("resetPassword.unusable.body")}
        action={{ to: "/forgot-password", label: t("resetPassword.unusable.again") }}
      />
    );
  }
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-3xl font-bold">{t("resetPassword.title")}</h1>
      <p className="mt-2 text-muted">{t("resetPassword.intro", { email })}</p>
      <Form method="post" {...getFormProps(form)} className="card mt-6 space-y-4">
        <FormErrors id={form.errorId} errors={form.errors} />
        {/* For password managers: the account this password belongs to. */}
        <input type="email" name="username" autoComplete="username" value={email ?? ""} readOnly hidden />
        <TextField
          label={t("account.newPassword")}
          hint={t("account.passwordHint", { count: PASSWORD_MIN })}
          meta={fields.password}
          type="password"
          autoComplete="new-password"
        />
        <button type="submit" className="btn-primary w-full" disabled={busy}>
          {t("resetPassword.submit")}
        </button>
      </Form>
    </div>
  );
}
