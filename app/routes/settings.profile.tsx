import { getFormProps, getSelectProps, useForm } from "@conform-to/react";
import { getZodConstraint } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/lib/use-translation";
import { Avatar } from "~/components/avatar";
import { FieldErrors, FormErrors, TextField } from "~/components/forms";
import { ImageField } from "~/components/image-field";
import { getPerson, updateProfile } from "~/domain/people.server";
import { removePhoto, setPhoto } from "~/domain/photos.server";
import { BODY_LIMITS } from "~/lib/body-limits.mjs";
import { isStaff } from "~/domain/roles";
import { supportedLocales } from "~/lib/i18n";
import { pageTitle } from "~/lib/meta";
import { profileSchema } from "~/web/account-forms";
import { requireUser } from "~/web/guards.server";
import { readFormWithFiles } from "~/web/multipart.server";
import { refusalResponse } from "~/web/responses.server";
import { parseSubmission } from "~/web/submission.server";
import { imageErrorKey } from "~/web/upload-errors";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const person = (await getPerson(user.id))!;
  return {
    constraint: getZodConstraint(profileSchema),
    staff: isStaff(person),
    person: { id: person.id, displayName: person.displayName, photoId: person.photoId },
    profile: {
      displayName: person.displayName,
      locale: person.locale ?? "auto",
      jobTitle: person.jobTitle ?? "",
      bio: person.bio ?? "",
      company: person.company ?? "",
    },
  };
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "settings.profile.title");

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { formData, files } = await readFormWithFiles({ request, context }, { files: ["photo"], maxFileBytes: BODY_LIMITS.image });
  const submission = parseSubmission(formData, { schema: profileSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  // The photo first: a file that is refused leaves the whole profile as it was, and the form as typed.
  if (files.photo) {
    const photo = "tooLarge" in files.photo ? files.photo : await setPhoto({ personId: user.id, bytes: files.photo.bytes });
    if ("tooLarge" in photo) return data(submission.reply({ fieldErrors: { photo: [imageErrorKey("tooLarge")] } }), { status: 400 });
    if (!photo.ok) {
      if (photo.reason === "notFound") throw refusalResponse(photo.reason);
      return data(submission.reply({ fieldErrors: { photo: [imageErrorKey(photo.reason)] } }), { status: 400 });
    }
  } else if (formData.get("removePhoto") === "on") {
    const removed = await removePhoto({ personId: user.id, actorId: user.id });
    if (!removed.ok) throw refusalResponse(removed.reason);
  }
  const { locale, ...profile } = submission.value;
  const updated = await updateProfile(user.id, { ...profile, locale: locale === "auto" ? null : locale });
  if (!updated.ok) throw refusalResponse(updated.reason);
  return submission.reply({ resetForm: false });
}

export default function ProfileSettingsPage() {
  const loaded = useLoaderData<typeof loader>();
  // Saved elsewhere too (the footer's language switcher): start the form again from what is stored.
  return <ProfileForm key={JSON.stringify(loaded.profile) + loaded.person.photoId} {...loaded} />;
}

function ProfileForm({ constraint, staff, person, profile }: ReturnType<typeof useLoaderData<typeof loader>>) {
  const { t } = useTranslation();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult,
    defaultValue: profile,
    constraint,
  });
  const saved = lastResult?.status === "success" && navigation.state === "idle";
  return (
    <div className="mx-auto max-w-xl">
      <h1 className="text-3xl font-bold">{t("settings.profile.title")}</h1>
      <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="card mt-6 space-y-4">
        <FormErrors id={form.errorId} errors={form.errors} />
        {saved ? (
          <p role="status" className="rounded-md border border-green-300 bg-green-50 p-3 text-sm text-green-900">
            {t("settings.profile.saved")}
          </p>
        ) : null}
        <TextField label={t("account.displayName")} meta={fields.displayName} autoComplete="name" />
        <ImageField
          name="photo"
          label={t("settings.profile.photo")}
          hint={t(staff ? "settings.profile.photoHintStaff" : "settings.profile.photoHint")}
          errors={lastResult?.error?.photo ?? undefined}
          preview={<Avatar person={person} size="lg" />}
          remove={person.photoId ? { name: "removePhoto", label: t("settings.profile.removePhoto") } : undefined}
        />
        <div>
          <label htmlFor={fields.locale.id} className="block text-sm font-semibold">
            {t("settings.profile.language")}
          </label>
          <select className="input mt-1" {...getSelectProps(fields.locale)}>
            <option value="auto">{t("settings.profile.languageAuto")}</option>
            {supportedLocales.map((code) => (
              <option key={code} value={code}>
                {t(`languages.${code}`)}
              </option>
            ))}
          </select>
          <FieldErrors id={fields.locale.errorId} errors={fields.locale.errors} />
        </div>
        {staff ? (
          <>
            <TextField label={t("account.jobTitle")} hint={t("settings.profile.jobTitleHint")} meta={fields.jobTitle} />
            <TextField label={t("account.bio")} hint={t("settings.profile.bioHint")} meta={fields.bio} multiline />
          </>
        ) : (
          <TextField label={t("account.company")} hint={t("settings.profile.companyHint")} meta={fields.company} autoComplete="organization" />
        )}
        <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
          {t("settings.profile.submit")}
        </button>
      </Form>
    </div>
  );
}
