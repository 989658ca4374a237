import { openApiDocument } from "~/web/api/openapi.server";

type JsonSchema = {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  description?: string;
  additionalProperties?: JsonSchema | boolean;
};

const refName = (ref: string) => ref.split("/").pop()!;

/** A schema in a few words, as the reference page shows it: "IdeaSummary[]", "string | null", "open | planned". */
export function typeSummary(schema: JsonSchema): string {
  if (schema.$ref) return refName(schema.$ref);
  if (schema.anyOf) return schema.anyOf.map(typeSummary).join(" | ");
  if (schema.enum) return schema.enum.map(String).join(" | ");
  if (schema.type === "array" && schema.items) return `${typeSummary(schema.items)}[]`;
  if (schema.type === "object" && schema.properties) return `{ ${Object.keys(schema.properties).join(", ")} }`;
  if (schema.type === "object" && typeof schema.additionalProperties === "object") return `{ [name]: ${typeSummary(schema.additionalProperties)} }`;
  return schema.type ?? "any";
}

type Parameter = { name: string; in: string; required: boolean; description?: string; schema: JsonSchema };
type Operation = {
  operationId: string;
  summary: string;
  description?: string;
  "x-scope": string;
  parameters: Parameter[];
  requestBody?: { content: { "application/json": { schema: JsonSchema } } };
  responses: Record<string, { description: string; content?: { "application/json": { schema: JsonSchema } } }>;
};

let reference: ReturnType<typeof buildReference> | undefined;

function buildReference() {
  const document = openApiDocument();
  const operations = Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item as Record<string, Operation>).map(([method, operation]) => ({
      id: operation.operationId,
      method,
      path: `/api/v1${path}`,
      summary: operation.summary,
      description: operation.description ?? null,
      scope: operation["x-scope"],
      parameters: operation.parameters.map((parameter) => ({
        name: parameter.name,
        in: parameter.in,
        required: parameter.required,
        type: typeSummary(parameter.schema),
        description: parameter.description ?? "",
      })),
      body: operation.requestBody ? typeSummary(operation.requestBody.content["application/json"].schema) : null,
      responses: Object.entries(operation.responses).map(([status, response]) => ({
        status,
        description: response.description,
        schema: response.content ? typeSummary(response.content["application/json"].schema) : null,
      })),
    })),
  );
  const schemas = Object.entries(document.components.schemas as Record<string, JsonSchema>).map(([name, schema]) => ({
    name,
    description: schema.description ?? null,
    properties: Object.entries(schema.properties ?? {}).map(([property, value]) => ({
      name: property,
      type: typeSummary(value),
      description: value.description ?? value.anyOf?.find((option) => option.description)?.description ?? "",
    })),
  }));
  return { intro: document.info.description.split("\n\n"), baseUrl: document.servers[0]!.url, operations, schemas };
}

/** What the reference page shows, read once from the OpenAPI document. */
export function apiReference() {
  reference ??= buildReference();
  return reference;
}
