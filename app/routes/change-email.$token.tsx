import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { EmptyState } from "~/components/empty-state";
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
  const busy = useNavigation().state === "submitting";
  if (!email) {
    return (
      <div className="mx-auto max-w-xl">
        <h1 className="sr-only">{t("changeEmail.title")}</h1>
        <EmptyState title={t("changeEmail.unusable.title")} body={t("changeEmail.unusable.body")} action={{ to: "/settings/account", label: t("changeEmail.unusable.again") }} />
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-3xl font-bold">{t("changeEmail.title")}</h1>
      <Form method="post" className="card mt-6 space-y-4">
        <p>{t("changeEmail.intro", { email })}</p>
        <button type="submit" className="btn-primary w-full" disabled={busy}>
          {t("changeEmail.confirm")}
        </button>
      </Form>
    </div>
  );
}
