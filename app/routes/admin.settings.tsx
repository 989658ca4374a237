import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/lib/use-translation";
import { SIGNUP_MODES } from "#db/schema";
import { FormErrors, FormSelectField, TextField } from "~/components/forms";
import { ImageField } from "~/components/image-field";
import { getSite, setSiteLogo, settingsOf, updateSiteSettings } from "~/domain/site.server";
import { BODY_LIMITS } from "~/lib/body-limits.mjs";
import { supportedLocales } from "~/lib/i18n";
import { pageTitle } from "~/lib/meta";
import { uploadPath, UPLOAD_WIDTHS } from "~/lib/upload-paths";
import { requireUser } from "~/web/guards.server";
import { readFormWithFiles, storeImageFile } from "~/web/multipart.server";
import { refusalResponse } from "~/web/responses.server";
import { siteSettingsSchema } from "~/web/site-settings-form";
import { parseSubmission } from "~/web/submission.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: "admin" });
  const site = (await getSite())!;
  const settings = settingsOf(site);
  return {
    // Worked out here, so that neither zod nor the database schema reaches the browser.
    constraint: getZodConstraint(siteSettingsSchema),
    signupModes: SIGNUP_MODES,
    logoId: site.logoId,
    settings: {
      ...settings,
      replyPromiseDays: String(settings.replyPromiseDays),
      listeningPublic: settings.listeningPublic ? "on" : "",
      accentColour: settings.accentColour ?? "",
      signupDomains: settings.signupDomains.join("\n"),
      senderName: settings.senderName ?? "",
    },
  };
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "admin.settings.title");

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireUser(request, { role: "admin" });
  const { formData, files } = await readFormWithFiles({ request, context }, { files: ["logo"], maxFileBytes: BODY_LIMITS.image });
  const submission = parseSubmission(formData, { schema: siteSettingsSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });

  // The logo first: a refused file leaves everything as it was, and the form as it was typed.
  const logo = await storeImageFile(files.logo, { kind: "logo", uploaderId: admin.id });
  if (!logo.ok) return data(submission.reply({ fieldErrors: { logo: [logo.reason] } }), { status: 400 });
  const logoId = logo.value ?? (formData.get("removeLogo") === "on" ? null : undefined);

  const saved = await updateSiteSettings({ actorId: admin.id, settings: submission.value });
  if (!saved.ok) throw refusalResponse(saved.reason);
  if (logoId !== undefined) {
    const logoSaved = await setSiteLogo({ actorId: admin.id, logoId });
    if (!logoSaved.ok) throw refusalResponse(logoSaved.reason);
  }
  return submission.reply({ resetForm: false });
}

export default function AdminSettingsPage() {
  const loaded = useLoaderData<typeof loader>();
  // After a save the stored values are the form's new starting point.
  return <SettingsForm key={JSON.stringify(loaded.settings) + loaded.logoId} {...loaded} />;
}

function SettingsForm({ constraint, signupModes, logoId, settings }: ReturnType<typeof useLoaderData<typeof loader>>) {
  const { t } = useTranslation();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult,
    defaultValue: settings,
    constraint,
  });
  const saved = lastResult?.status === "success" && navigation.state === "idle";
  const logoErrors = lastResult?.error?.logo ?? undefined;
  const { key: _listeningKey, ...listeningProps } = getInputProps(fields.listeningPublic, { type: "checkbox" });
  return (
    <>
      <h1 className="text-3xl font-bold">{t("admin.settings.title")}</h1>
      <p className="mt-2 text-muted">{t("admin.settings.intro")}</p>
      <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="mt-6 space-y-6">
        <FormErrors id={form.errorId} errors={form.errors} />
        {saved ? (
          <p role="status" className="rounded-md border border-green-300 bg-green-50 p-3 text-sm text-green-900">
            {t("admin.settings.saved")}
          </p>
        ) : null}

        <fieldset className="card space-y-4">
          <legend className="px-1 text-lg font-semibold">{t("admin.settings.identity")}</legend>
          <TextField label={t("admin.settings.name")} meta={fields.name} />
          <TextField label={t("admin.settings.description")} hint={t("admin.settings.descriptionHint")} meta={fields.description} />
          <TextField label={t("admin.settings.welcomeText")} hint={t("admin.settings.welcomeTextHint")} meta={fields.welcomeText} multiline />
          <ImageField
            name="logo"
            label={t("admin.settings.logo")}
            hint={t("admin.settings.logoHint")}
            errors={logoErrors}
            preview={logoId ? <img src={uploadPath(logoId, UPLOAD_WIDTHS.logo[0])} alt={t("admin.settings.currentLogo")} className="h-10 w-auto rounded border border-stone-200" /> : null}
            remove={logoId ? { name: "removeLogo", label: t("admin.settings.removeLogo") } : undefined}
          />
          <TextField label={t("admin.settings.accentColour")} hint={t("admin.settings.accentColourHint")} meta={fields.accentColour} />
        </fieldset>

        <fieldset className="card space-y-4">
          <legend className="px-1 text-lg font-semibold">{t("admin.settings.conversation")}</legend>
          <FormSelectField label={t("admin.settings.defaultLocale")} meta={fields.defaultLocale}>
            {supportedLocales.map((code) => (
              <option key={code} value={code}>
                {t(`languages.${code}`)}
              </option>
            ))}
          </FormSelectField>
          <TextField label={t("admin.settings.replyPromiseDays")} hint={t("admin.settings.replyPromiseHint")} meta={fields.replyPromiseDays} type="number" />
          <div className="flex items-start gap-3">
            <input className="mt-1 size-4" {...listeningProps} />
            <div>
              <label htmlFor={fields.listeningPublic.id} className="text-sm font-semibold">
                {t("admin.settings.listeningPublic")}
              </label>
              <p className="text-sm text-muted">{t("admin.settings.listeningPublicHint")}</p>
            </div>
          </div>
        </fieldset>

        <fieldset className="card space-y-4">
          <legend className="px-1 text-lg font-semibold">{t("admin.settings.accounts")}</legend>
          <FormSelectField label={t("admin.settings.signupMode")} meta={fields.signupMode}>
            {signupModes.map((mode) => (
              <option key={mode} value={mode}>
                {t(`admin.settings.signupModes.${mode}`)}
              </option>
            ))}
          </FormSelectField>
          <TextField label={t("admin.settings.signupDomains")} hint={t("admin.settings.signupDomainsHint")} meta={fields.signupDomains} multiline />
          <TextField label={t("admin.settings.senderName")} hint={t("admin.settings.senderNameHint", { name: settings.name })} meta={fields.senderName} />
        </fieldset>

        <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
          {t("admin.settings.submit")}
        </button>
      </Form>
    </>
  );
}
