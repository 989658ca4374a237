import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { setLocale } from "~/domain/people.server";
import { isLocale } from "~/lib/i18n";
import { localeCookie } from "~/lib/i18n.server";
import { safeRedirect } from "~/web/redirects";
import { getOptionalUser } from "~/web/session.server";
import { readForm } from "~/web/form-body.server";

/** The footer's language switcher: a plain form, so it works without JavaScript. */
export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm({ request, context });
  const locale = formData.get("locale");
  const back = safeRedirect(String(formData.get("redirectTo") ?? ""), "/");
  if (!isLocale(locale)) throw redirect(back);
  const user = await getOptionalUser(request);
  if (user) await setLocale(user.id, locale);
  throw redirect(back, { headers: { "Set-Cookie": await localeCookie.serialize(locale) } });
}

export function loader() {
  throw redirect("/");
}
