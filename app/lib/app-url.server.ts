import { siteUrl } from "~/lib/deployment.mjs";

/** The portal's public address, for links in emails (APP_URL, else this machine's port). */
export function appUrl(path = "/") {
  return new URL(path, siteUrl()).toString();
}
