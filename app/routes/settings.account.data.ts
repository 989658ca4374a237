import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportPersonData } from "~/domain/personal-data.server";
import { requireUser } from "~/web/guards.server";
import { dataDownload } from "~/web/personal-data.server";
import { refusalResponse } from "~/web/responses.server";

/** "Download my data": the signed-in person's own data, as a JSON file. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const exported = await exportPersonData(user.id);
  if (!exported.ok) throw refusalResponse(exported.reason);
  return dataDownload(exported.value, exported.value.exportedAt);
}
