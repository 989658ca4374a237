import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint } from "@conform-to/zod/v4";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/lib/use-translation";
import { FormErrors, TextField, type FieldConstraints } from "~/components/forms";
import { EmptyState } from "~/components/empty-state";
import { acceptInvitationAsMember, acceptInvitationAsNewcomer, findUsableInvitation } from "~/domain/invitations.server";
import { findPersonByEmail } from "~/domain/people.server";
import { pageTitle } from "~/lib/meta";
import { acceptInvitationSchema } from "~/web/account-forms";
import { endAllSessions, getOptionalUser, startSession } from "~/web/session.server";
import { readForm } from "~/web/form-body.server";
import { parseSubmission } from "~/web/submission.server";
import { weakPasswordError } from "~/web/password-strength.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const invitation = await findUsableInvitation(params.token ?? "");
  if (!invitation) return { state: "unusable" as const };
  const user = await getOptionalUser(request);
  if (user) {
    // The link is for one email address: a forwarded link does not promote someone else.
    if (user.email !== invitation.email) return { state: "wrongAccount" as const, email: invitation.email, displayName: user.displayName };
    return { state: "member" as const, email: invitation.email, displayName: user.displayName };
  }
  // Someone who already has an account logs in first, then accepts.
  if (await findPersonByEmail(invitation.email)) return { state: "login" as const, email: invitation.email };
  return { state: "newcomer" as const, email: invitation.email, constraint: getZodConstraint(acceptInvitationSchema) };
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "invitation.title");

export async function action({ request, params, context }: ActionFunctionArgs) {
  const token = params.token ?? "";
  const user = await getOptionalUser(request);
  // An invitation that cannot be used (any more, or by this account): the page says so.
  const unusable = () => redirect(new URL(request.url).pathname);
  if (user) {
    const accepted = await acceptInvitationAsMember(token, user);
    if (!accepted.ok) throw unusable();
    // A role change ends every session; start a fresh one under the new role.
    await endAllSessions(user.id);
    throw redirect("/admin", { headers: { "Set-Cookie": await startSession(user.id, { request, context }) } });
  }
  const submission = parseSubmission(await readForm({ request, context }), { schema: acceptInvitationSchema });
  if (submission.status !== "success") return submission.reply({ hideFields: ["password"] });
  const weak = weakPasswordError(submission.value.password, [submission.value.displayName]);
  if (weak) return submission.reply({ fieldErrors: { password: [weak] }, hideFields: ["password"] });
  const person = await acceptInvitationAsNewcomer(token, submission.value);
  if (!person.ok) {
    if (person.reason === "emailTaken") return submission.reply({ formErrors: ["errors.invitation.accountExists"], hideFields: ["password"] });
    throw unusable();
  }
  throw redirect("/admin", { headers: { "Set-Cookie": await startSession(person.value.id, { request, context }) } });
}

export default function InvitationPage() {
  const { t } = useTranslation();
  const loaderData = useLoaderData<typeof loader>();
  const location = useLocation();
  if (loaderData.state === "unusable") {
    return (
      <div className="mx-auto max-w-xl">
        <h1 className="sr-only">{t("invitation.title")}</h1>
        <EmptyState title={t("invitation.unusable.title")} body={t("invitation.unusable.body")} />
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-3xl font-bold">{t("invitation.title")}</h1>
      <p className="mt-2 text-muted">{t("invitation.intro", { email: loaderData.email })}</p>
      {loaderData.state === "member" ? (
        <Form method="post" className="card mt-6 space-y-4">
          <p>{t("invitation.acceptAs", { name: loaderData.displayName })}</p>
          <button type="submit" className="btn-primary w-full">
            {t("invitation.accept")}
          </button>
        </Form>
      ) : loaderData.state === "wrongAccount" ? (
        <div className="card mt-6 space-y-4">
          <p>{t("invitation.wrongAccount", { name: loaderData.displayName, email: loaderData.email })}</p>
          <Form method="post" action="/logout">
            <button type="submit" className="btn-secondary w-full">
              {t("nav.logout")}
            </button>
          </Form>
        </div>
      ) : loaderData.state === "login" ? (
        <div className="card mt-6 space-y-4">
          <p>{t("invitation.loginFirst")}</p>
          <Link className="btn-primary w-full" to={`/login?${new URLSearchParams({ redirectTo: location.pathname })}`}>
            {t("nav.login")}
          </Link>
        </div>
      ) : (
        <NewcomerForm email={loaderData.email} constraint={loaderData.constraint} />
      )}
    </div>
  );
}

function NewcomerForm({ email, constraint }: { email: string; constraint: FieldConstraints }) {
  const { t } = useTranslation();
  const lastResult = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useForm({
    lastResult,
    constraint,
  });
  return (
    <Form method="post" {...getFormProps(form)} className="card mt-6 space-y-4">
      <FormErrors id={form.errorId} errors={form.errors} />
      <div>
        <label htmlFor="invitation-email" className="block text-sm font-semibold">
          {t("account.email")}
        </label>
        <input id="invitation-email" className="input mt-1 bg-stone-100" value={email} readOnly />
      </div>
      <TextField label={t("account.displayName")} meta={fields.displayName} autoComplete="name" />
      <TextField label={t("account.jobTitle")} hint={t("settings.profile.jobTitleHint")} meta={fields.jobTitle} />
      <TextField
        label={t("account.password")}
        hint={t("account.passwordHint", { count: 10 })}
        meta={fields.password}
        type="password"
        autoComplete="new-password"
      />
      <button type="submit" className="btn-primary w-full" disabled={busy}>
        {t("invitation.accept")}
      </button>
    </Form>
  );
}
