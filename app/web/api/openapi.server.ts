import { z } from "zod";
import { appUrl } from "~/lib/app-url.server";
import { operations, schemaDescriptions, schemas, type Operation } from "~/web/api/contract";
import { API_MAX_BODY_BYTES, API_RATE_LIMIT, COMMON_REFUSALS } from "~/web/api/handler.server";

type JsonSchema = Record<string, unknown>;

const REFUSALS: Record<number, string> = {
  400: "The path, query string or body is not valid (`invalid_request`, with `fields`)",
  401: "No key, an unknown key or a revoked key",
  403: "A read-only key asked to change something, or the key's owner may not do this",
  404: "Not found",
  409: "In conflict with the current state",
  413: `The body is larger than ${API_MAX_BODY_BYTES} bytes`,
  415: "The body is not JSON",
  429: "Too many requests for this key: wait the seconds of `Retry-After`",
};

/** A schema of the contract as JSON Schema 2020-12 (OpenAPI 3.1's dialect), named ones by reference. */
function jsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const id = schemas.get(schema)?.id;
  if (id) return { $ref: `#/components/schemas/${id}` };
  const converted = z.toJSONSchema(schema, { target: "draft-2020-12", io });
  delete converted.$schema;
  return converted as JsonSchema;
}

function parameters(operation: Operation) {
  const from = (where: "path" | "query", object: z.ZodObject | undefined) =>
    Object.entries(object?.shape ?? {}).map(([name, schema]) => {
      const { description, ...rest } = jsonSchema(schema as z.ZodType, "input");
      return { name, in: where, required: where === "path" || !(schema as z.ZodType).safeParse(undefined).success, ...(description ? { description } : {}), schema: rest };
    });
  return [...from("path", operation.params), ...from("query", operation.query)];
}

function errorResponse(status: number) {
  return { description: REFUSALS[status]!, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } };
}

function pathItemOperation(operation: Operation) {
  const statuses = [...new Set([...COMMON_REFUSALS, ...operation.refusals])].sort();
  return {
    operationId: operation.operationId,
    tags: [operation.tag],
    summary: operation.summary,
    ...(operation.description ? { description: operation.description } : {}),
    security: [{ apiKey: [] }],
    "x-scope": operation.scope,
    parameters: parameters(operation),
    ...(operation.body
      ? { requestBody: { required: true, content: { "application/json": { schema: jsonSchema(operation.body, "input") } } } }
      : {}),
    responses: {
      [operation.response.status]: { description: operation.response.description, content: { "application/json": { schema: jsonSchema(operation.response.schema, "output") } } },
      ...Object.fromEntries(statuses.map((status) => [status, errorResponse(status)])),
    },
  };
}

function buildDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of Object.values(operations) as Operation[]) {
    (paths[operation.path] ??= {})[operation.method] = pathItemOperation(operation);
  }
  const { schemas: components } = z.toJSONSchema(schemas, { target: "draft-2020-12", io: "output", uri: (name) => `#/components/schemas/${name}` }) as { schemas: Record<string, JsonSchema> };
  for (const [name, schema] of Object.entries(components)) {
    delete schema.$schema;
    delete schema.$id;
    schema.description ??= schemaDescriptions.get(name);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Tertulia API",
      version: "1.0.0",
      description: [
        "Read and change the portal's ideas, discussions and votes from the company's own tools.",
        "Authenticate with an API key an admin makes at /admin/api-keys: `Authorization: Bearer <key>`. A key acts as the admin who made it; a read key may only read.",
        `Each key may make ${API_RATE_LIMIT.limit} requests a minute; past that the answer is 429 with Retry-After. Refusals are JSON: \`{ "error": { "code", "message", "fields"? } }\`.`,
        "Browsers on other sites are not answered (no CORS).",
      ].join("\n\n"),
    },
    servers: [{ url: appUrl("/api/v1").replace(/\/$/, "") }],
    security: [{ apiKey: [] }],
    tags: [
      { name: "Ideas" },
      { name: "Comments" },
      { name: "Votes" },
      { name: "People" },
      { name: "Categories" },
      { name: "Challenges" },
    ],
    paths,
    components: {
      securitySchemes: { apiKey: { type: "http", scheme: "bearer", description: "An API key made at /admin/api-keys" } },
      schemas: components,
    },
  };
}

export type OpenApiDocument = ReturnType<typeof buildDocument>;

let document: OpenApiDocument | undefined;

/** The OpenAPI 3.1 document of the API, built once from the contract. */
export function openApiDocument() {
  document ??= buildDocument();
  return document;
}
