import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/use-translation";
import { UsedUpLink, UseLinkForm } from "~/components/emailed-link";
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
  if (!email) {
    return (
      <UsedUpLink
        page={t("verifyEmail.title")}
        title={t("verifyEmail.unusable.title")}
        body={t("verifyEmail.unusable.body")}
        action={{ to: "/verify-email", label: t("verifyEmail.unusable.again") }}
      />
    );
  }
  return <UseLinkForm title={t("verifyEmail.title")} intro={t("verifyEmail.confirmIntro", { email })} submit={t("verifyEmail.confirm")} />;
}
