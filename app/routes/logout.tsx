import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { endSession } from "~/web/session.server";

export async function action({ request }: ActionFunctionArgs) {
  throw redirect("/", { headers: { "Set-Cookie": await endSession(request) } });
}

// Logging out changes state, so it is a POST (the account menu's button); a GET goes home.
export function loader() {
  throw redirect("/");
}
