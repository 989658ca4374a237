import { databaseIsHealthy } from "~/lib/db.server";

/** Liveness and database check for load balancers and uptime monitors. */
export async function loader() {
  const database = await databaseIsHealthy();
  return Response.json(
    { status: database ? "ok" : "error", database: database ? "ok" : "unreachable" },
    { status: database ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
