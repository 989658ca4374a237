import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/use-translation";
import { NOTIFICATION_KINDS, type NotificationKind } from "#db/schema";
import { setEmailPreferences } from "~/domain/notifications.server";
import { getPerson } from "~/domain/people.server";
import { readSignedValue } from "~/lib/crypto.server";
import { pageTitle } from "~/lib/meta";
import { badRequest } from "~/web/responses.server";
import { readForm } from "~/web/form-body.server";

/** Who and which kinds (those the email was made of) a signed unsubscribe token names, or null. No log-in needed. */
async function readToken(token: string | null) {
  const value = token ? readSignedValue(token) : null;
  const [userId, list] = value?.split(":") ?? [];
  const kinds = (list ?? "").split(",");
  if (!userId || !kinds.every((kind) => NOTIFICATION_KINDS.includes(kind as NotificationKind)) || !(await getPerson(userId))) return null;
  return { userId, kinds: kinds as NotificationKind[] };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token");
  const target = await readToken(token);
  return { token: target ? token : null, kinds: target?.kinds ?? null };
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "unsubscribe.title");

/** One click from the email's page, or RFC 8058 one-click POST from the mail client. */
export async function action({ request, context }: ActionFunctionArgs) {
  const url = new URL(request.url);
  const formData = await readForm({ request, context });
  const target = await readToken(url.searchParams.get("token") ?? String(formData.get("token") ?? ""));
  if (!target) throw badRequest();
  await setEmailPreferences(target.userId, Object.fromEntries(target.kinds.map((kind) => [kind, false])));
  return { done: true, kinds: target.kinds };
}

export default function UnsubscribePage() {
  const { t, i18n } = useTranslation();
  const { token, kinds } = useLoaderData<typeof loader>();
  const done = useActionData<typeof action>();
  // "a, b or c" in the reader's language (here only: the formatters every page loads stay small).
  const describe = (list: NotificationKind[]) =>
    new Intl.ListFormat(i18n.language, { type: "disjunction" }).format(list.map((kind) => t(`settings.notifications.kinds.${kind}`)));
  return (
    <div className="card mx-auto max-w-lg">
      <h1 className="text-2xl font-bold">{t("unsubscribe.title")}</h1>
      {done ? (
        <p role="status" className="mt-3">
          {t("unsubscribe.done", { kind: describe(done.kinds) })}
        </p>
      ) : token && kinds ? (
        <Form method="post" className="mt-4 space-y-4">
          <p>{t("unsubscribe.confirm", { kind: describe(kinds) })}</p>
          <input type="hidden" name="token" value={token} />
          <button type="submit" className="btn-primary">
            {t("unsubscribe.submit")}
          </button>
        </Form>
      ) : (
        <p className="mt-3">{t("unsubscribe.invalid")}</p>
      )}
    </div>
  );
}
