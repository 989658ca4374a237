import { describe, expect, it } from "vitest";
import { loader } from "~/routes/api._index";
import { operations } from "~/web/api/contract";

describe("GET /api", () => {
  it("shows every operation of the API with its parameters and answers, and every schema", () => {
    const reference = loader();
    expect(reference.operations.map((operation) => operation.id).sort()).toEqual(Object.keys(operations).sort());
    const listIdeas = reference.operations.find((operation) => operation.id === "listIdeas")!;
    expect(listIdeas).toMatchObject({ method: "get", path: "/api/v1/ideas", scope: "read" });
    expect(listIdeas.parameters.find((parameter) => parameter.name === "sort")).toMatchObject({ in: "query", required: false, type: "trending | top | new | active" });
    expect(listIdeas.responses.map((response) => [response.status, response.schema])).toContainEqual(["200", "IdeaPage"]);
    const page = reference.schemas.find((schema) => schema.name === "IdeaPage")!;
    expect(page.properties).toContainEqual({ name: "data", type: "IdeaSummary[]", description: "" });
  });
});
