import { openApiDocument } from "~/web/api/openapi.server";

/** GET /api/v1/openapi.json — the API's OpenAPI 3.1 document; public, like the reference page. */
export function loader() {
  return Response.json(openApiDocument(), { headers: { "Cache-Control": "public, max-age=300" } });
}
