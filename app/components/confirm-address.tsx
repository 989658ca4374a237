import { Form, Link } from "@remix-run/react";
import { useTranslation } from "~/lib/use-translation";

/** Asks for a new confirmation link (POST /verify-email, which says where it went). */
export function ResendConfirmationForm() {
  const { t } = useTranslation();
  return (
    <Form method="post" action="/verify-email">
      <button type="submit" className="btn-secondary">
        {t("verifyEmail.resend")}
      </button>
    </Form>
  );
}

/**
 * Why someone whose address is not confirmed cannot take part yet, and the way out: shown on
 * every page as a reminder, and in place of the forms they cannot use.
 */
export function ConfirmAddressNotice({ email, reason }: { email: string; reason: "reminder" | "comment" | "vote" }) {
  const { t } = useTranslation();
  return (
    <div role="note" className="flex flex-wrap items-center gap-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
      <p className="min-w-0 flex-1">
        {t(`verifyEmail.notice.${reason}`, { email })}{" "}
        <Link to="/verify-email" className="link">
          {t("verifyEmail.notice.more")}
        </Link>
      </p>
      <ResendConfirmationForm />
    </div>
  );
}
