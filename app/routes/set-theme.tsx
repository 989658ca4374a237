import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { setTheme } from "~/domain/people.server";
import { isTheme, themeCookie } from "~/lib/theme.server";
import { readForm } from "~/web/form-body.server";
import { safeRedirect } from "~/web/redirects";
import { getOptionalUser } from "~/web/session.server";

/**
 * The footer's theme switch (system, light, dark): a plain form, so it works without JavaScript.
 * Kept on the person's account when signed in, and in a cookie either way (for when they are not).
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm({ request, context });
  const chosen = formData.get("theme");
  const back = safeRedirect(String(formData.get("redirectTo") ?? ""), "/");
  if (chosen !== "system" && !isTheme(chosen)) throw redirect(back);
  const theme = chosen === "system" ? null : chosen;
  const user = await getOptionalUser(request);
  if (user) await setTheme(user.id, theme);
  throw redirect(back, { headers: { "Set-Cookie": await themeCookie.serialize(theme ?? "", theme ? {} : { maxAge: 0 }) } });
}

export function loader() {
  throw redirect("/");
}
