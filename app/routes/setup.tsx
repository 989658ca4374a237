import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint } from "@conform-to/zod/v4";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/lib/use-translation";
import type { z } from "zod";
import { FormErrors, FormSelectField, TextField } from "~/components/forms";
import { getSite, setUpSite } from "~/domain/site.server";
import { supportedLocales } from "~/lib/i18n";
import { detectLocale } from "~/lib/i18n.server";
import { pageTitle } from "~/lib/meta";
import { setupSchema } from "~/web/account-forms";
import { startSession } from "~/web/session.server";
import { readForm } from "~/web/form-body.server";
import { parseSubmission } from "~/web/submission.server";
import { weakPasswordError } from "~/web/password-strength.server";

export async function loader({ request }: LoaderFunctionArgs) {
  // Once the site exists, the first-run page is closed for good.
  if (await getSite()) throw redirect("/");
  return { locale: await detectLocale(request, null, "en"), constraint: getZodConstraint(setupSchema) };
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "setup.title");

export async function action({ request, context }: ActionFunctionArgs) {
  if (await getSite()) throw redirect("/");
  const submission = parseSubmission(await readForm({ request, context }), { schema: setupSchema });
  if (submission.status !== "success") return submission.reply({ hideFields: ["password"] });
  const { email, displayName, password, ...siteFields } = submission.value;
  const weak = weakPasswordError(password, [email, displayName, siteFields.siteName]);
  if (weak) return submission.reply({ fieldErrors: { password: [weak] }, hideFields: ["password"] });
  const admin = await setUpSite({ ...siteFields, admin: { email, displayName, password } });
  // Set up meanwhile by someone else (the email is free on a fresh site): the page is closed.
  if (!admin.ok) throw redirect("/");
  throw redirect("/admin", { headers: { "Set-Cookie": await startSession(admin.value.id, { request, context }) } });
}

export default function SetupPage() {
  const { t } = useTranslation();
  const { locale, constraint } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useForm<z.input<typeof setupSchema>>({
    lastResult,
    constraint,
    defaultValue: { replyPromiseDays: "3", defaultLocale: locale },
  });
  return (
    <div className="mx-auto max-w-xl">
      <h1 className="text-3xl font-bold">{t("setup.title")}</h1>
      <p className="mt-2 text-muted">{t("setup.intro")}</p>
      <Form method="post" {...getFormProps(form)} className="card mt-6 space-y-8">
        <FormErrors id={form.errorId} errors={form.errors} />
        <fieldset className="space-y-4">
          <legend className="text-lg font-semibold">{t("setup.siteSection")}</legend>
          <TextField label={t("setup.siteName")} meta={fields.siteName} />
          <FormSelectField label={t("setup.defaultLocale")} meta={fields.defaultLocale}>
            {supportedLocales.map((code) => (
              <option key={code} value={code}>
                {t(`languages.${code}`)}
              </option>
            ))}
          </FormSelectField>
          <TextField
            label={t("setup.replyPromiseDays")}
            hint={t("setup.replyPromiseHint")}
            meta={fields.replyPromiseDays}
            type="number"
          />
        </fieldset>
        <fieldset className="space-y-4">
          <legend className="text-lg font-semibold">{t("setup.adminSection")}</legend>
          <TextField label={t("account.displayName")} meta={fields.displayName} autoComplete="name" />
          <TextField label={t("account.email")} meta={fields.email} type="email" autoComplete="email" />
          <TextField
            label={t("account.password")}
            hint={t("account.passwordHint", { count: 10 })}
            meta={fields.password}
            type="password"
            autoComplete="new-password"
          />
        </fieldset>
        <button type="submit" className="btn-primary w-full" disabled={busy}>
          {t("setup.submit")}
        </button>
      </Form>
    </div>
  );
}
