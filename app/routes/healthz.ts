import { databaseIsHealthy } from "~/lib/db.server";

/** Liveness and database check for load balancers and uptime monitors. */
export function loader() {
  const database = databaseIsHealthy();
  return Response.json(
    { status: database ? "ok" : "error", database: database ? "ok" : "unreachable" },
    { status: database ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
