import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/use-translation";
import { ResendConfirmationForm } from "~/components/confirm-address";
import { resendAddressConfirmation } from "~/domain/email-addresses.server";
import { pageTitle } from "~/lib/meta";
import { requireUser } from "~/web/guards.server";
import { refusalResponse } from "~/web/responses.server";
import { limitAccountEmails, tooManyRequests } from "~/web/throttle.server";

/** Where a person whose address is not confirmed yet reads what to do, and asks for a new link. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { email: user.email, confirmed: user.emailVerified, sent: new URL(request.url).searchParams.has("sent") };
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "verifyEmail.title");

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const limited = await limitAccountEmails({ context }, user.email);
  if (limited) throw tooManyRequests(limited);
  const sent = await resendAddressConfirmation(user.id);
  if (!sent.ok && sent.reason !== "alreadyConfirmed") throw refusalResponse(sent.reason);
  throw redirect(sent.ok ? "/verify-email?sent" : "/verify-email");
}

export default function VerifyEmailPage() {
  const { t } = useTranslation();
  const { email, confirmed, sent } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-3xl font-bold">{t("verifyEmail.title")}</h1>
      <div className="card mt-6 space-y-4">
        {confirmed ? (
          <>
            <p role="status">{t("verifyEmail.confirmed", { email })}</p>
            <Link to="/" className="btn-primary">
              {t("verifyEmail.toIdeas")}
            </Link>
          </>
        ) : (
          <>
            {sent ? (
              <p role="status" className="rounded-md border border-green-300 bg-green-50 p-3 text-sm text-green-900">
                {t("verifyEmail.sent", { email })}
              </p>
            ) : null}
            <p>{t("verifyEmail.pending", { email })}</p>
            <ResendConfirmationForm />
          </>
        )}
      </div>
    </div>
  );
}
