import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/use-translation";
import { UsedUpLink, UseLinkForm } from "~/components/emailed-link";
import { findUsableAccountToken } from "~/domain/account-tokens.server";
import { confirmEmailChange } from "~/domain/account-settings.server";
import { pageTitle } from "~/lib/meta";

// Opening the link shows a button (mail scanners open links too); pressing it makes the change.
export async function loader({ params }: LoaderFunctionArgs) {
  const token = await findUsableAccountToken(params.token ?? "", "email_change");
  return { email: token?.email ?? null };
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "changeEmail.title");

export async function action({ request, params }: ActionFunctionArgs) {
  const changed = await confirmEmailChange(params.token ?? "");
  // Used, expired or the address taken meanwhile: the page says the link cannot be used.
  if (!changed.ok) throw redirect(new URL(request.url).pathname);
  throw redirect("/settings/account?emailChanged");
}

export default function ChangeEmailPage() {
  const { t } = useTranslation();
  const { email } = useLoaderData<typeof loader>();
  if (!email) {
    return (
      <UsedUpLink
        page={t("changeEmail.title")}
        title={t("changeEmail.unusable.title")}
        body={t("changeEmail.unusable.body")}
        action={{ to: "/settings/account", label: t("changeEmail.unusable.again") }}
      />
    );
  }
  return <UseLinkForm title={t("changeEmail.title")} intro={t("changeEmail.intro", { email })} submit={t("changeEmail.confirm")} />;
}
