import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/lib/use-translation";
import { FieldErrors, FormErrors, TextField } from "~/components/forms";
import { findPersonByEmail } from "~/domain/people.server";
import { deleteAccount, exportPersonDataOnRequest } from "~/domain/personal-data.server";
import { pageTitle } from "~/lib/meta";
import { dataRequestSchema } from "~/web/account-forms";
import { readForm } from "~/web/form-body.server";
import { requireUser } from "~/web/guards.server";
import { dataDownload, formerMemberName } from "~/web/personal-data.server";
import { parseSubmission } from "~/web/submission.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: "admin" });
  return { constraint: getZodConstraint(dataRequestSchema) };
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "admin.dataRequests.title");

/**
 * A person asked, by some other channel, for their data or for their account to be deleted:
 * the admin does it for them, and the audit log records who did it.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireUser(request, { role: "admin" });
  const submission = parseSubmission(await readForm({ request, context }), { schema: dataRequestSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), deleted: null }, { status: 400 });
  const { intent, email } = submission.value;
  const person = await findPersonByEmail(email);
  if (!person || person.deletedAt) return data({ result: submission.reply({ fieldErrors: { email: ["errors.dataRequest.noSuchPerson"] } }), deleted: null }, { status: 400 });
  if (intent === "export") {
    const exported = await exportPersonDataOnRequest(person.id, admin.id);
    if (exported.ok) return dataDownload(exported.value, exported.value.exportedAt);
    return data({ result: submission.reply({ fieldErrors: { email: ["errors.dataRequest.noSuchPerson"] } }), deleted: null }, { status: 400 });
  }
  const deleted = await deleteAccount({ personId: person.id, actorId: admin.id, formerName: await formerMemberName() });
  if (!deleted.ok) {
    const message = deleted.reason === "lastAdmin" ? "errors.account.lastAdmin" : "errors.dataRequest.noSuchPerson";
    return data({ result: submission.reply({ formErrors: [message] }), deleted: null }, { status: 400 });
  }
  return { result: submission.reply({ resetForm: true }), deleted: email };
}

export default function AdminDataRequestsPage() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const { constraint } = useLoaderData<typeof loader>();
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useForm({ lastResult: actionData?.result, constraint });
  return (
    <>
      <h1 className="text-3xl font-bold">{t("admin.dataRequests.title")}</h1>
      <p className="mt-2 text-muted">{t("admin.dataRequests.intro")}</p>
      {actionData?.deleted ? (
        <p role="status" className="mt-4 rounded-md border border-green-300 bg-green-50 p-3 text-sm text-green-900">
          {t("admin.dataRequests.deleted", { email: actionData.deleted })}
        </p>
      ) : null}
      {/* A plain form: the export is a file the browser saves. */}
      <Form method="post" reloadDocument {...getFormProps(form)} className="card mt-6 space-y-4">
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField label={t("admin.dataRequests.email")} meta={fields.email} type="email" autoComplete="off" />
        <div>
          <label className="flex items-start gap-2">
            <input type="checkbox" name={fields.requested.name} id={fields.requested.id} aria-describedby={fields.requested.errors ? fields.requested.errorId : undefined} className="mt-1" />
            <span>{t("admin.dataRequests.requested")}</span>
          </label>
          <FieldErrors id={fields.requested.errorId} errors={fields.requested.errors} />
        </div>
        <div className="flex flex-wrap gap-3">
          <button type="submit" name="intent" value="export" className="btn-secondary" disabled={busy}>
            {t("admin.dataRequests.export")}
          </button>
          <button type="submit" name="intent" value="delete" className="btn-danger" disabled={busy}>
            {t("admin.dataRequests.delete")}
          </button>
        </div>
      </Form>
    </>
  );
}
