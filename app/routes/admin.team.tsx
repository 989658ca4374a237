import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/lib/use-translation";
import { z } from "zod";
import { Avatar } from "~/components/avatar";
import { FormErrors, TextField } from "~/components/forms";
import { inviteStaff, listPendingInvitations, resendInvitation, revokeInvitation } from "~/domain/invitations.server";
import { changeRole, listStaff } from "~/domain/people.server";
import { appUrl } from "~/lib/app-url.server";
import { useFormatters } from "~/lib/format";
import { pageTitle } from "~/lib/meta";
import { inviteSchema } from "~/web/account-forms";
import { requireUser } from "~/web/guards.server";
import { idField } from "~/web/params";
import { badRequest, refusalResponse } from "~/web/responses.server";
import { endAllSessions } from "~/web/session.server";
import { readForm } from "~/web/form-body.server";
import { parseSubmission } from "~/web/submission.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: "admin" });
  const [staff, invitations] = await Promise.all([listStaff(), listPendingInvitations()]);
  return {
    constraint: getZodConstraint(inviteSchema),
    me: user.id,
    staff: staff.map(({ id, displayName, email, role, jobTitle, photoId }) => ({ id, displayName, email, role, jobTitle, photoId })),
    invitations,
  };
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "admin.team.title");

const roleChangeSchema = z.object({
  intent: z.literal("change-role"),
  personId: z.string().min(1),
  role: z.enum(["customer", "staff", "admin"]),
});
const invitationSchema = z.object({ intent: z.enum(["resend", "revoke"]), invitationId: idField });

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireUser(request, { role: "admin" });
  const formData = await readForm({ request, context });
  const intent = formData.get("intent");

  if (intent === "invite") {
    const submission = parseSubmission(formData, { schema: inviteSchema });
    if (submission.status !== "success") return data({ intent, result: submission.reply(), link: null }, { status: 400 });
    const invited = await inviteStaff({ email: submission.value.email, invitedById: admin.id });
    if (!invited.ok) return data({ intent, result: submission.reply({ fieldErrors: { email: ["errors.team.alreadyStaff"] } }), link: null }, { status: 400 });
    // The link went by email; it is shown once, now, for other channels: only its hash is kept.
    const link = appUrl(`/invitations/${invited.value.token}`);
    return { intent, result: submission.reply({ resetForm: true }), link, email: invited.value.invitation.email };
  }

  if (intent === "resend" || intent === "revoke") {
    const parsed = invitationSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) throw badRequest();
    if (parsed.data.intent === "revoke") {
      await revokeInvitation(parsed.data.invitationId, admin.id);
      return { intent, result: null, link: null };
    }
    const resent = await resendInvitation(parsed.data.invitationId, admin.id);
    if (!resent.ok) throw refusalResponse(resent.reason);
    return { intent, result: null, link: appUrl(`/invitations/${resent.value.token}`), email: resent.value.invitation.email };
  }

  const parsed = roleChangeSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) throw badRequest();
  const { personId, role } = parsed.data;
  const changed = await changeRole({ personId, role, actorId: admin.id });
  if (!changed.ok) {
    if (changed.reason === "notFound") throw refusalResponse(changed.reason);
    return data({ intent, result: null, link: null, error: `errors.team.${changed.reason}` }, { status: 400 });
  }
  // New rights, new sessions: the person logs in again under their new role.
  await endAllSessions(personId);
  return { intent, result: null, link: null };
}

export default function AdminTeamPage() {
  const { t } = useTranslation();
  const { formatDate } = useFormatters();
  const { constraint, me, staff, invitations } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useForm({
    lastResult: actionData?.intent === "invite" ? actionData.result : undefined,
    constraint,
  });
  const error = actionData && "error" in actionData ? actionData.error : undefined;

  return (
    <>
      <h1 className="text-3xl font-bold">{t("admin.team.title")}</h1>
      <p className="mt-2 text-muted">{t("admin.team.intro")}</p>

      <section aria-labelledby="invite-title" className="card mt-6">
        <h2 id="invite-title" className="text-lg font-semibold">
          {t("admin.team.inviteTitle")}
        </h2>
        <Form method="post" {...getFormProps(form)} className="mt-4 flex flex-col gap-3 sm:flex-row sm:items-start">
          <input type="hidden" name="intent" value="invite" />
          <FormErrors id={form.errorId} errors={form.errors} />
          <TextField className="flex-1" label={t("account.email")} meta={fields.email} type="email" autoComplete="off" />
          <button type="submit" className="btn-primary sm:mt-6" disabled={busy}>
            {t("admin.team.inviteSubmit")}
          </button>
        </Form>
        {actionData?.link ? (
          <div role="status" className="mt-4 rounded-md border border-green-300 bg-green-50 p-4 text-sm">
            <p className="font-semibold text-green-900">
              {t(actionData.intent === "resend" ? "admin.team.inviteResent" : "admin.team.inviteCreated", { email: actionData.email })}
            </p>
            <label htmlFor="invitation-link" className="mt-2 block text-green-900">
              {t("admin.team.inviteLinkLabel")}
            </label>
            <input
              id="invitation-link"
              readOnly
              value={actionData.link}
              className="input mt-1 font-mono text-sm"
              onFocus={(event) => event.currentTarget.select()}
            />
          </div>
        ) : null}
      </section>

      {invitations.length > 0 ? (
        <section aria-labelledby="pending-title" className="card mt-6">
          <h2 id="pending-title" className="text-lg font-semibold">
            {t("admin.team.pendingTitle")}
          </h2>
          <ul className="mt-3 divide-y divide-stone-200">
            {invitations.map((invitation) => (
              <li key={invitation.id} className="flex flex-wrap items-center justify-between gap-2 py-3">
                <div>
                  <p className="font-medium">{invitation.email}</p>
                  <p className="text-sm text-muted">
                    {t("admin.team.pendingMeta", { name: invitation.invitedBy, date: formatDate(invitation.expiresAt) })}
                  </p>
                </div>
                <Form method="post" className="flex gap-2">
                  <input type="hidden" name="invitationId" value={invitation.id} />
                  <button type="submit" name="intent" value="resend" className="btn-secondary">
                    {t("admin.team.resend")}
                    <span className="sr-only"> {invitation.email}</span>
                  </button>
                  <button type="submit" name="intent" value="revoke" className="btn-secondary">
                    {t("admin.team.revoke")}
                    <span className="sr-only"> {invitation.email}</span>
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="staff-title" className="card mt-6">
        <h2 id="staff-title" className="text-lg font-semibold">
          {t("admin.team.staffTitle")}
        </h2>
        {error ? (
          <p role="alert" className="mt-3 rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900">
            {t(error)}
          </p>
        ) : null}
        <ul className="mt-3 divide-y divide-stone-200">
          {staff.map((person) => (
            <li key={person.id} className="flex flex-wrap items-center gap-4 py-3">
              <Avatar person={person} />
              <div className="min-w-0 flex-1">
                <p className="font-medium">{person.displayName}</p>
                <p className="truncate text-sm text-muted">
                  {[person.jobTitle, person.email].filter(Boolean).join(" · ")}
                </p>
              </div>
              {person.id === me ? (
                <span className="text-sm text-muted">{t(`roles.${person.role}`)}</span>
              ) : (
                <Form method="post" className="flex w-full items-center gap-2 sm:w-auto">
                  <input type="hidden" name="intent" value="change-role" />
                  <input type="hidden" name="personId" value={person.id} />
                  <label htmlFor={`role-${person.id}`} className="sr-only">
                    {t("admin.team.roleOf", { name: person.displayName })}
                  </label>
                  <select id={`role-${person.id}`} name="role" defaultValue={person.role} className="input w-auto min-w-0 flex-1 sm:flex-none">
                    <option value="staff">{t("roles.staff")}</option>
                    <option value="admin">{t("roles.admin")}</option>
                    <option value="customer">{t("admin.team.removeRights")}</option>
                  </select>
                  <button type="submit" className="btn-secondary">
                    {t("admin.team.changeRole")}
                    <span className="sr-only"> {person.displayName}</span>
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
