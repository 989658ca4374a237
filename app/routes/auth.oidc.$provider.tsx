import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { safeRedirect } from "~/web/redirects";
import { notFound } from "~/web/responses.server";
import { findProvider, startOpenIdSignIn } from "~/web/openid-connect.server";

/** "Sign in with <provider>": off to the company's provider, which sends the person back to …/callback. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const provider = findProvider(params.provider);
  if (!provider) throw notFound();
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get("redirectTo"), "/");
  const { url, cookie } = await startOpenIdSignIn(provider, redirectTo);
  throw redirect(url, { headers: { "Set-Cookie": cookie } });
}
