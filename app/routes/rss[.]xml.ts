import { redirect } from "@remix-run/node";

/** GET /rss.xml — where readers look first; the site's feed is Atom, at /feed. */
export function loader() {
  return redirect("/feed", 301);
}
