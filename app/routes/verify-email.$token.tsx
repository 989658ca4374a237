import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { EmptyState } from "~/components/empty-state";
import { findUsableAccountToken } from "~/domain/account-tokens.server";
import { confirmAddress } from "~/domain/email-addresses.server";
import { pageTitle } from "~/lib/meta";
import { safeRedirect } from "~/web/redirects";
import { getOptionalUser, startSession } from "~/web/session.server";

// Opening the link shows a button (mail scanners open links too); pressing it confirms.
export async function loader({ params }: LoaderFunctionArgs) {
  const token = await findUsableAccountToken(params.token ?? "", "email_verification");
  return { email: token?.email ?? null };
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "verifyEmail.title");

export async function action({ request, params, context }: ActionFunctionArgs) {
  const url = new URL(request.url);
  const confirmed = await confirmAddress(params.token ?? "");
  // Used or expired meanwhile: the page says so.
  if (!confirmed.ok) throw redirect(url.pathname);
  const next = safeRedirect(url.searchParams.get("redirectTo"), "/");
  // The link reached the address: it signs its owner in, here, unless they already are.
  const current = await getOptionalUser(request);
  if (current?.id === confirmed.value.id) throw redirect(next);
  throw redirect(next, { headers: { "Set-Cookie": await startSession(confirmed.value.id, { request, context }) } });
}

export default function ConfirmAddressPage() {
  const { t } = useTranslation();
  const { email } = useLoaderData<typeof loader>();
  const busy = useNavigation().state === "submitting";
  if (!email) {
    return (
      <div className="mx-auto max-w-xl">
        <h1 className="sr-only">{t("verifyEmail.title")}</h1>
        <EmptyState title={t("verifyEmail.unusable.title")} body={t("verifyEmail.unusable.body")} action={{ to: "/verify-email", label: t("verifyEmail.unusable.again") }} />
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-3xl font-bold">{t("verifyEmail.title")}</h1>
      <Form method="post" className="card mt-6 space-y-4">
        <p>{t("verifyEmail.confirmIntro", { email })}</p>
        <button type="submit" className="btn-primary w-full" disabled={busy}>
          {t("verifyEmail.confirm")}
        </button>
      </Form>
    </div>
  );
}
