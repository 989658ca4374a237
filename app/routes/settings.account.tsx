import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "~/lib/use-translation";
import { ResendConfirmationForm } from "~/components/confirm-address";
import { FormErrors, TextField } from "~/components/forms";
import { changePassword, pendingEmailChange, requestEmailChange } from "~/domain/account-settings.server";
import { getPerson, normalizeEmail } from "~/domain/people.server";
import { deleteAccount } from "~/domain/personal-data.server";
import { endOtherSessions, listSessions } from "~/domain/sessions.server";
import { useFormatters } from "~/lib/format";
import { pageTitle } from "~/lib/meta";
import { describeUserAgent } from "~/lib/user-agent.server";
import { changeEmailSchema, changePasswordSchema, deleteAccountSchema, PASSWORD_MIN } from "~/web/account-forms";
import { requireUser } from "~/web/guards.server";
import { readForm } from "~/web/form-body.server";
import { weakPasswordError } from "~/web/password-strength.server";
import { badRequest, refusalResponse } from "~/web/responses.server";
import { formerMemberName } from "~/web/personal-data.server";
import { currentSessionId, endSession } from "~/web/session.server";
import { parseSubmission } from "~/web/submission.server";
import { rateLimitMessage, retryAfterHeader, signInThrottle } from "~/web/throttle.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [person, sessions, pendingEmail, thisSession] = await Promise.all([getPerson(user.id), listSessions(user.id), pendingEmailChange(user.id), currentSessionId(request)]);
  return {
    email: person!.email,
    // Back from an email-change link.
    emailChanged: new URL(request.url).searchParams.has("emailChanged"),
    emailVerified: person!.emailVerifiedAt !== null,
    pendingEmail,
    sessions: sessions.map((session) => ({
      current: session.id === thisSession,
      ...describeUserAgent(session.userAgent),
      address: session.ipAddress === "unknown" ? null : session.ipAddress,
      createdAt: session.createdAt,
      lastSeenAt: session.lastSeenAt,
    })),
    constraints: {
      password: getZodConstraint(changePasswordSchema),
      email: getZodConstraint(changeEmailSchema),
      deleteAccount: getZodConstraint(deleteAccountSchema),
    },
  };
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "settings.account.title");

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await readForm({ request, context });
  const intent = formData.get("intent");
  const sessionId = (await currentSessionId(request))!;

  if (intent === "change-password") {
    const submission = parseSubmission(formData, { schema: changePasswordSchema });
    const hideFields = ["currentPassword", "newPassword"];
    if (submission.status !== "success") return data({ intent, result: submission.reply({ hideFields }) }, { status: 400 });
    const weak = weakPasswordError(submission.value.newPassword, [user.email, user.displayName]);
    if (weak) return data({ intent, result: submission.reply({ fieldErrors: { newPassword: [weak] }, hideFields }) }, { status: 400 });
    // Guesses at the current password count with wrong sign-ins to this account from this
    // address (one budget): a borrowed session is no way round the sign-in throttle.
    const throttle = await signInThrottle({ context }, user.email);
    if (throttle.refusal) return data({ intent, result: submission.reply({ formErrors: [rateLimitMessage(throttle.refusal)], hideFields }) }, { status: 429, headers: retryAfterHeader(throttle.refusal) });
    const changed = await changePassword({ personId: user.id, keepSessionId: sessionId, ...submission.value });
    if (!changed.ok) {
      if (changed.reason === "notFound") throw refusalResponse(changed.reason);
      await throttle.failed();
      return data({ intent, result: submission.reply({ fieldErrors: { currentPassword: ["errors.account.wrongPassword"] }, hideFields }) }, { status: 400 });
    }
    await throttle.succeeded();
    // A reset form's reply carries no status: `changed` says it went through.
    return { intent, result: submission.reply({ resetForm: true }), changed: true };
  }

  if (intent === "change-email") {
    const submission = parseSubmission(formData, { schema: changeEmailSchema });
    if (submission.status !== "success") return data({ intent, result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
    const throttle = await signInThrottle({ context }, user.email);
    if (throttle.refusal) return data({ intent, result: submission.reply({ formErrors: [rateLimitMessage(throttle.refusal)], hideFields: ["password"] }) }, { status: 429, headers: retryAfterHeader(throttle.refusal) });
    const requested = await requestEmailChange({ personId: user.id, newEmail: submission.value.email, password: submission.value.password });
    await (!requested.ok && requested.reason === "wrongPassword" ? throttle.failed() : throttle.succeeded());
    if (!requested.ok) {
      if (requested.reason === "notFound") throw refusalResponse(requested.reason);
      const field = requested.reason === "wrongPassword" ? "password" : "email";
      return data({ intent, result: submission.reply({ fieldErrors: { [field]: [`errors.account.${requested.reason}`] }, hideFields: ["password"] }) }, { status: 400 });
    }
    return { intent, result: submission.reply({ resetForm: true }) };
  }

  if (intent === "delete-account") {
    const submission = parseSubmission(formData, { schema: deleteAccountSchema });
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    if (normalizeEmail(submission.value.confirmEmail) !== user.email) {
      return data({ intent, result: submission.reply({ fieldErrors: { confirmEmail: ["errors.account.confirmEmailMismatch"] } }) }, { status: 400 });
    }
    const deleted = await deleteAccount({ personId: user.id, actorId: user.id, formerName: await formerMemberName() });
    if (!deleted.ok) {
      if (deleted.reason === "notFound") throw refusalResponse(deleted.reason);
      return data({ intent, result: submission.reply({ formErrors: [`errors.account.${deleted.reason}`] }) }, { status: 400 });
    }
    throw redirect("/account-deleted", { headers: { "Set-Cookie": await endSession(request) } });
  }

  if (intent === "sign-out-others") {
    return { intent, ended: await endOtherSessions(user.id, sessionId) };
  }
  throw badRequest();
}

export default function AccountSettingsPage() {
  const { t } = useTranslation();
  const { formatDateTime } = useFormatters();
  const { email, emailVerified, emailChanged, pendingEmail, sessions, constraints } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const resultOf = (intent: string) => (actionData?.intent === intent && "result" in actionData ? actionData.result : undefined);
  const [passwordForm, passwordFields] = useForm({
    id: "change-password",
    lastResult: resultOf("change-password"),
    constraint: constraints.password,
  });
  const [emailForm, emailFields] = useForm({
    id: "change-email",
    lastResult: resultOf("change-email"),
    constraint: constraints.email,
  });
  const [deleteForm, deleteFields] = useForm({
    id: "delete-account",
    lastResult: resultOf("delete-account"),
    constraint: constraints.deleteAccount,
  });
  const passwordChanged = actionData?.intent === "change-password" && "changed" in actionData;
  const others = sessions.filter((session) => !session.current).length;

  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <h1 className="text-3xl font-bold">{t("settings.account.title")}</h1>

      <Part id="email-title" title={t("settings.account.email.title")}>
        {emailChanged ? <Done>{t("settings.account.email.changed", { email })}</Done> : null}
        <p>{t(emailVerified ? "settings.account.email.current" : "settings.account.email.unconfirmed", { email })}</p>
        {!emailVerified ? <ResendConfirmationForm /> : null}
        {pendingEmail ? (
          <p role="status" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
            {t("settings.account.email.pending", { email: pendingEmail })}
          </p>
        ) : null}
        <Form method="post" {...getFormProps(emailForm)} className="space-y-4">
          <input type="hidden" name="intent" value="change-email" />
          <FormErrors id={emailForm.errorId} errors={emailForm.errors} />
          <TextField label={t("settings.account.email.new")} meta={emailFields.email} type="email" autoComplete="email" />
          <TextField label={t("account.currentPassword")} meta={emailFields.password} type="password" autoComplete="current-password" />
          <button type="submit" className="btn-primary" disabled={busy}>
            {t("settings.account.email.submit")}
          </button>
        </Form>
      </Part>

      <Part id="password-title" title={t("settings.account.password.title")}>
        {passwordChanged ? <Done>{t("settings.account.password.changed")}</Done> : null}
        <Form method="post" {...getFormProps(passwordForm)} className="space-y-4">
          <input type="hidden" name="intent" value="change-password" />
          {/* For password managers: the account this password belongs to. */}
          <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
          <FormErrors id={passwordForm.errorId} errors={passwordForm.errors} />
          <TextField label={t("account.currentPassword")} meta={passwordFields.currentPassword} type="password" autoComplete="current-password" />
          <TextField
            label={t("account.newPassword")}
            hint={t("account.passwordHint", { count: PASSWORD_MIN })}
            meta={passwordFields.newPassword}
            type="password"
            autoComplete="new-password"
          />
          <button type="submit" className="btn-primary" disabled={busy}>
            {t("settings.account.password.submit")}
          </button>
        </Form>
      </Part>

      <Part id="sessions-title" title={t("settings.account.sessions.title")}>
        {actionData?.intent === "sign-out-others" && "ended" in actionData ? (
          <Done>{t("settings.account.sessions.ended", { count: actionData.ended })}</Done>
        ) : null}
        <ul className="divide-y divide-stone-200">
          {sessions.map((session, index) => (
            <li key={index} className="py-3">
              <p className="font-medium">
                {session.browser && session.os
                  ? t("settings.account.sessions.device", { browser: session.browser, os: session.os })
                  : (session.browser ?? session.os ?? t("settings.account.sessions.unknownDevice"))}
                {session.current ? <span className="ml-2 rounded bg-brand-50 px-2 py-0.5 text-xs font-semibold text-brand-700">{t("settings.account.sessions.current")}</span> : null}
              </p>
              <p className="text-sm text-muted">
                {[
                  session.lastSeenAt ? t("settings.account.sessions.lastSeen", { date: formatDateTime(session.lastSeenAt) }) : null,
                  session.createdAt ? t("settings.account.sessions.since", { date: formatDateTime(session.createdAt) }) : null,
                  session.address ? t("settings.account.sessions.address", { address: session.address }) : null,
                ]
                  .filter(Boolean)
                  .join(" · ")}
              </p>
            </li>
          ))}
        </ul>
        {others > 0 ? (
          <Form method="post">
            <button type="submit" name="intent" value="sign-out-others" className="btn-secondary" disabled={busy}>
              {t("settings.account.sessions.signOutOthers", { count: others })}
            </button>
          </Form>
        ) : null}
      </Part>

      <Part id="data-title" title={t("settings.account.data.title")}>
        <p>{t("settings.account.data.exportIntro")}</p>
        <Link to="/settings/account/data" reloadDocument className="btn-secondary">
          {t("settings.account.data.export")}
        </Link>
        <h3 className="font-semibold">{t("settings.account.data.deleteTitle")}</h3>
        <p>{t("settings.account.data.deleteIntro")}</p>
        <Form method="post" {...getFormProps(deleteForm)} className="space-y-4">
          <input type="hidden" name="intent" value="delete-account" />
          <FormErrors id={deleteForm.errorId} errors={deleteForm.errors} />
          <TextField label={t("settings.account.data.confirmEmail", { email })} meta={deleteFields.confirmEmail} type="email" autoComplete="off" />
          <button type="submit" className="btn-danger" disabled={busy}>
            {t("settings.account.data.delete")}
          </button>
        </Form>
      </Part>
    </div>
  );
}

/** One part of the page: a card whose heading names its region. */
function Part({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="card space-y-4">
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** What an action did, said where it was done. */
function Done({ children }: { children: ReactNode }) {
  return (
    <p role="status" className="rounded-md border border-green-300 bg-green-50 p-3 text-sm text-green-900">
      {children}
    </p>
  );
}
