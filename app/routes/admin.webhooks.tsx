import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/lib/use-translation";
import { z } from "zod";
import { WEBHOOK_EVENTS, WEBHOOK_FORMATS } from "#db/schema";
import { FieldErrors, FormErrors, SelectField, TextField } from "~/components/forms";
import { ShownOnce } from "~/components/shown-once";
import { createWebhook, deleteWebhook, enableWebhook, listWebhooks, sendTestEvent } from "~/domain/webhooks.server";
import { useFormatters } from "~/lib/format";
import { pageTitle } from "~/lib/meta";
import { requireUser } from "~/web/guards.server";
import { idField } from "~/web/params";
import { badRequest, refusalResponse } from "~/web/responses.server";
import { readForm } from "~/web/form-body.server";
import { parseSubmission } from "~/web/submission.server";

const createSchema = z.object({
  intent: z.literal("create"),
  url: z.string({ error: "errors.field.required" }).trim().max(2000, "errors.field.tooLong:2000"),
  format: z.enum(WEBHOOK_FORMATS, { error: "errors.field.required" }),
  events: z.array(z.enum(WEBHOOK_EVENTS), { error: "errors.webhooks.noEvents" }).min(1, "errors.webhooks.noEvents"),
});
const webhookSchema = z.object({ intent: z.enum(["test", "enable", "delete"]), webhookId: idField });

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: "admin" });
  return { webhooks: await listWebhooks(), events: WEBHOOK_EVENTS, formats: WEBHOOK_FORMATS, constraint: getZodConstraint(createSchema) };
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "admin.webhooks.title");

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireUser(request, { role: "admin" });
  const formData = await readForm({ request, context });
  if (formData.get("intent") !== "create") {
    const parsed = webhookSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) throw badRequest();
    const { intent, webhookId } = parsed.data;
    const done = intent === "test" ? await sendTestEvent(webhookId) : intent === "enable" ? await enableWebhook(webhookId) : await deleteWebhook({ id: webhookId, adminId: admin.id });
    if (!done.ok) throw refusalResponse(done.reason);
    return { result: null, created: null, tested: intent === "test" ? webhookId : null };
  }
  const submission = parseSubmission(formData, { schema: createSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), created: null, tested: null }, { status: 400 });
  const created = await createWebhook({ ...submission.value, adminId: admin.id });
  if (!created.ok) {
    const field = created.reason === "noEvents" ? "events" : "url";
    return data({ result: submission.reply({ fieldErrors: { [field]: [`errors.webhooks.${created.reason}`] } }), created: null, tested: null }, { status: 400 });
  }
  // The secret is shown once, now; it signs every delivery.
  return { result: submission.reply({ resetForm: true }), created: { url: created.value.url, secret: created.value.secret }, tested: null };
}

export default function AdminWebhooksPage() {
  const { t } = useTranslation();
  const { formatDateTime } = useFormatters();
  const { webhooks, events, formats, constraint } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useForm<z.input<typeof createSchema>>({
    lastResult: actionData?.result ?? undefined,
    constraint,
  });

  return (
    <>
      <h1 className="text-3xl font-bold">{t("admin.webhooks.title")}</h1>
      <p className="mt-2 text-muted">
        {t("admin.webhooks.intro")}{" "}
        <Link to="/api" className="link">
          {t("admin.webhooks.docs")}
        </Link>
      </p>

      <section aria-labelledby="new-webhook-title" className="card mt-6">
        <h2 id="new-webhook-title" className="text-lg font-semibold">
          {t("admin.webhooks.newTitle")}
        </h2>
        <Form method="post" {...getFormProps(form)} className="mt-4 space-y-4">
          <input type="hidden" name="intent" value="create" />
          <FormErrors id={form.errorId} errors={form.errors} />
          <TextField label={t("admin.webhooks.url")} hint={t("admin.webhooks.urlHint")} meta={fields.url} type="url" autoComplete="off" />
          <SelectField
            id={fields.format.id}
            name={fields.format.name}
            label={t("admin.webhooks.format")}
            defaultValue="json"
            options={formats.map((format) => ({ value: format, label: t(`admin.webhooks.formats.${format}`) }))}
          />
          <fieldset aria-describedby={fields.events.errorId}>
            <legend className="text-sm font-semibold">{t("admin.webhooks.events")}</legend>
            <div className="mt-1 grid gap-1 sm:grid-cols-2">
              {events.map((event) => (
                <label key={event} className="flex items-center gap-2 text-sm">
                  <input type="checkbox" name={fields.events.name} value={event} defaultChecked />
                  {t(`admin.webhooks.eventNames.${event}`)}
                </label>
              ))}
            </div>
            <FieldErrors id={fields.events.errorId} errors={fields.events.errors} />
          </fieldset>
          <button type="submit" className="btn-primary" disabled={busy}>
            {t("admin.webhooks.create")}
          </button>
        </Form>
        {actionData?.created ? (
          <ShownOnce id="webhook-secret" heading={t("admin.webhooks.created", { url: actionData.created.url })} label={t("admin.webhooks.secretOnce")} value={actionData.created.secret} />
        ) : null}
      </section>

      <section aria-labelledby="webhooks-title" className="mt-6">
        <h2 id="webhooks-title" className="text-lg font-semibold">
          {t("admin.webhooks.listTitle")}
        </h2>
        {webhooks.length === 0 ? <p className="mt-3 text-muted">{t("admin.webhooks.none")}</p> : null}
        {webhooks.map((hook) => (
          <article key={hook.id} aria-labelledby={`webhook-${hook.id}`} className="card mt-3">
            <h3 id={`webhook-${hook.id}`} className="break-all font-mono text-sm font-semibold">
              {hook.url}
            </h3>
            <p className="mt-1 text-sm text-muted">
              {[t(`admin.webhooks.formats.${hook.format}`), hook.events.map((event) => t(`admin.webhooks.eventNames.${event}`)).join(", ")].join(" · ")}
            </p>
            {hook.disabledAt ? (
              <p role="note" className="mt-2 rounded-md border border-red-300 bg-red-50 p-2 text-sm text-red-900">
                {t("admin.webhooks.disabled", { date: formatDateTime(hook.disabledAt) })}
              </p>
            ) : null}
            {actionData?.tested === hook.id ? (
              <p role="status" className="mt-2 text-sm text-green-900">
                {t("admin.webhooks.testQueued")}
              </p>
            ) : null}
            <div className="mt-3 flex flex-wrap gap-2">
              {(hook.disabledAt ? (["enable", "delete"] as const) : (["test", "delete"] as const)).map((intent) => (
                <Form method="post" key={intent}>
                  <input type="hidden" name="intent" value={intent} />
                  <input type="hidden" name="webhookId" value={hook.id} />
                  <button type="submit" className={intent === "delete" ? "btn-danger" : "btn-secondary"}>
                    {t(`admin.webhooks.actions.${intent}`)}
                    <span className="sr-only"> {hook.url}</span>
                  </button>
                </Form>
              ))}
            </div>
            {hook.deliveries.length > 0 ? (
              <table className="mt-4 w-full text-left text-sm">
                <caption className="text-left font-semibold">{t("admin.webhooks.deliveries")}</caption>
                <thead>
                  <tr>
                    <th scope="col" className="py-1 pr-3">{t("admin.webhooks.when")}</th>
                    <th scope="col" className="py-1 pr-3">{t("admin.webhooks.event")}</th>
                    <th scope="col" className="py-1 pr-3">{t("admin.webhooks.result")}</th>
                    <th scope="col" className="py-1">{t("admin.webhooks.attempts")}</th>
                  </tr>
                </thead>
                <tbody>
                  {hook.deliveries.map((delivery) => (
                    <tr key={delivery.id} className="border-t border-stone-200 align-top">
                      <td className="py-1 pr-3">{formatDateTime(delivery.createdAt)}</td>
                      <td className="py-1 pr-3 font-mono">{delivery.event}</td>
                      <td className="py-1 pr-3">
                        {t(`admin.webhooks.statuses.${delivery.status}`)}
                        {delivery.lastStatusCode ? ` (${delivery.lastStatusCode})` : null}
                        {delivery.lastError && delivery.status !== "sent" ? <span className="block text-muted">{delivery.lastError}</span> : null}
                      </td>
                      <td className="py-1">{delivery.attempts}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
          </article>
        ))}
      </section>
    </>
  );
}
