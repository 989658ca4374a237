import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/lib/use-translation";
import { z } from "zod";
import { EMAIL_CADENCES, NOTIFICATION_KINDS } from "#db/schema";
import { SelectField } from "~/components/forms";
import { getEmailPreferences, getEmailSchedule, setEmailPreferences, setEmailSchedule } from "~/domain/notifications.server";
import { pageTitle } from "~/lib/meta";
import { requireUser } from "~/web/guards.server";
import { readForm } from "~/web/form-body.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  // The kinds and cadences travel with the page: importing them from the database schema would bundle drizzle.
  const [preferences, schedule] = await Promise.all([getEmailPreferences(user.id), getEmailSchedule(user.id)]);
  return { kinds: NOTIFICATION_KINDS, cadences: EMAIL_CADENCES, preferences, schedule };
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "settings.notifications.title");

/** Anything but a known cadence keeps the default. */
const scheduleSchema = z.object({ own: z.enum(EMAIL_CADENCES).catch("immediate"), followed: z.enum(EMAIL_CADENCES).catch("daily") });

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await readForm({ request, context });
  await setEmailSchedule(user.id, scheduleSchema.parse({ own: formData.get("own"), followed: formData.get("followed") }));
  // An unticked checkbox sends nothing: every kind not sent is "no email".
  await setEmailPreferences(user.id, Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, formData.get(kind) === "on"])));
  return { saved: true };
}

export default function NotificationSettingsPage() {
  const { t } = useTranslation();
  const { kinds, cadences: cadenceValues, preferences, schedule } = useLoaderData<typeof loader>();
  const cadences = cadenceValues.map((cadence) => ({ value: cadence, label: t(`settings.notifications.cadences.${cadence}`) }));
  const navigation = useNavigation();
  const saved = useActionData<typeof action>()?.saved && navigation.state === "idle";
  return (
    <div className="mx-auto max-w-xl">
      <h1 className="text-3xl font-bold">{t("settings.notifications.title")}</h1>
      <p className="mt-2 text-muted">{t("settings.notifications.intro")}</p>
      <Form method="post" className="card mt-6 space-y-4">
        {saved ? (
          <p role="status" className="rounded-md border border-green-300 bg-green-50 p-3 text-sm text-green-900">
            {t("settings.notifications.saved")}
          </p>
        ) : null}
        <fieldset className="space-y-3">
          <legend className="font-semibold">{t("settings.notifications.emailMe")}</legend>
          {kinds.map((kind) => (
            <label key={kind} className="flex items-start gap-3">
              <input type="checkbox" name={kind} defaultChecked={preferences[kind]} className="mt-1 size-4" />
              <span>{t(`settings.notifications.kinds.${kind}`)}</span>
            </label>
          ))}
        </fieldset>
        <fieldset className="space-y-3">
          <legend className="font-semibold">{t("settings.notifications.howOften")}</legend>
          <SelectField id="email-own" name="own" label={t("settings.notifications.own")} defaultValue={schedule.own} options={cadences} />
          <SelectField id="email-followed" name="followed" label={t("settings.notifications.followed")} defaultValue={schedule.followed} options={cadences} />
        </fieldset>
        <button type="submit" className="btn-primary">
          {t("settings.notifications.submit")}
        </button>
      </Form>
    </div>
  );
}
