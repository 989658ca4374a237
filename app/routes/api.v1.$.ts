import { apiError } from "~/web/api/handler.server";

/** Any other path under /api/v1: a JSON 404 for every method, like the API's other refusals. */
const notFound = () => apiError(404, "not_found", "No such path in API v1; the paths are listed at /api/v1/openapi.json.");
export const loader = notFound;
export const action = notFound;
