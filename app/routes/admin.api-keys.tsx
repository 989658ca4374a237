import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/lib/use-translation";
import { z } from "zod";
import { API_KEY_SCOPES } from "#db/schema";
import { FormErrors, SelectField, TextField } from "~/components/forms";
import { ShownOnce } from "~/components/shown-once";
import { createApiKey, listApiKeys, revokeApiKey } from "~/domain/api-keys.server";
import { useFormatters } from "~/lib/format";
import { pageTitle } from "~/lib/meta";
import { requireUser } from "~/web/guards.server";
import { idField } from "~/web/params";
import { badRequest, refusalResponse } from "~/web/responses.server";
import { readForm } from "~/web/form-body.server";
import { parseSubmission } from "~/web/submission.server";

const createSchema = z.object({
  intent: z.literal("create"),
  name: z.string({ error: "errors.field.required" }).trim().min(1, "errors.field.required").max(80, "errors.field.tooLong:80"),
  scope: z.enum(API_KEY_SCOPES, { error: "errors.field.required" }),
});
const revokeSchema = z.object({ intent: z.literal("revoke"), keyId: idField });

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: "admin" });
  return { keys: await listApiKeys(), scopes: API_KEY_SCOPES, constraint: getZodConstraint(createSchema) };
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "admin.apiKeys.title");

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireUser(request, { role: "admin" });
  const formData = await readForm({ request, context });
  if (formData.get("intent") === "revoke") {
    const parsed = revokeSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) throw badRequest();
    const revoked = await revokeApiKey({ id: parsed.data.keyId, adminId: admin.id });
    if (!revoked.ok) throw refusalResponse(revoked.reason);
    return { result: null, created: null };
  }
  const submission = parseSubmission(formData, { schema: createSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), created: null }, { status: 400 });
  const created = await createApiKey({ name: submission.value.name, scope: submission.value.scope, adminId: admin.id });
  if (!created.ok) throw refusalResponse(created.reason);
  // The key is shown once, now: only its hash is kept.
  return { result: submission.reply({ resetForm: true }), created: { name: created.value.name, token: created.value.token } };
}

export default function AdminApiKeysPage() {
  const { t } = useTranslation();
  const { formatDate, formatDateTime } = useFormatters();
  const { keys, scopes, constraint } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useForm<z.input<typeof createSchema>>({
    lastResult: actionData?.result ?? undefined,
    constraint,
  });

  return (
    <>
      <h1 className="text-3xl font-bold">{t("admin.apiKeys.title")}</h1>
      <p className="mt-2 text-muted">
        {t("admin.apiKeys.intro")}{" "}
        <Link to="/api" className="link">
          {t("admin.apiKeys.reference")}
        </Link>
      </p>

      <section aria-labelledby="new-key-title" className="card mt-6">
        <h2 id="new-key-title" className="text-lg font-semibold">
          {t("admin.apiKeys.newTitle")}
        </h2>
        <Form method="post" {...getFormProps(form)} className="mt-4 grid gap-3 sm:grid-cols-[2fr_1fr_auto] sm:items-start">
          <input type="hidden" name="intent" value="create" />
          <FormErrors id={form.errorId} errors={form.errors} />
          <TextField label={t("admin.apiKeys.name")} hint={t("admin.apiKeys.nameHint")} meta={fields.name} autoComplete="off" />
          <SelectField
            id={fields.scope.id}
            name={fields.scope.name}
            label={t("admin.apiKeys.scope")}
            defaultValue="read"
            options={scopes.map((scope) => ({ value: scope, label: t(`admin.apiKeys.scopes.${scope}`) }))}
          />
          <button type="submit" className="btn-primary sm:mt-6" disabled={busy}>
            {t("admin.apiKeys.create")}
          </button>
        </Form>
        {actionData?.created ? (
          <ShownOnce id="new-api-key" heading={t("admin.apiKeys.created", { name: actionData.created.name })} label={t("admin.apiKeys.copyOnce")} value={actionData.created.token} />
        ) : null}
      </section>

      <section aria-labelledby="keys-title" className="card mt-6">
        <h2 id="keys-title" className="text-lg font-semibold">
          {t("admin.apiKeys.listTitle")}
        </h2>
        {keys.length === 0 ? (
          <p className="mt-3 text-muted">{t("admin.apiKeys.none")}</p>
        ) : (
          <ul className="mt-3 divide-y divide-stone-200">
            {keys.map((key) => (
              <li key={key.id} className="flex flex-wrap items-center justify-between gap-2 py-3">
                <div>
                  <p className="font-medium">
                    {key.name} <span className="font-mono text-sm text-muted">{key.prefix}…</span>
                  </p>
                  <p className="text-sm text-muted">
                    {[
                      t(`admin.apiKeys.scopes.${key.scope}`),
                      t("admin.apiKeys.madeBy", { name: key.createdBy.displayName, date: formatDate(key.createdAt) }),
                      key.lastUsedAt ? t("admin.apiKeys.lastUsed", { date: formatDateTime(key.lastUsedAt) }) : t("admin.apiKeys.neverUsed"),
                      key.revokedAt ? t("admin.apiKeys.revokedOn", { date: formatDate(key.revokedAt) }) : null,
                    ]
                      .filter(Boolean)
                      .join(" · ")}
                  </p>
                </div>
                {key.revokedAt ? null : (
                  <Form method="post">
                    <input type="hidden" name="intent" value="revoke" />
                    <input type="hidden" name="keyId" value={key.id} />
                    <button type="submit" className="btn-secondary">
                      {t("admin.apiKeys.revoke")}
                      <span className="sr-only"> {key.name}</span>
                    </button>
                  </Form>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
