import { expect } from "vitest";
import { ErrorBody, operations, type Operation } from "~/web/api/contract";
import { COMMON_REFUSALS } from "~/web/api/handler.server";

type OperationId = keyof typeof operations;

export type ApiAnswer = { status: number; headers: Headers; body: unknown };

/**
 * An HTTP client for the API in tests. Every answer to a named operation is checked against
 * the contract the OpenAPI document is written from: a success must match the documented
 * schema exactly (no undocumented field), a refusal must have a documented status and the one
 * error shape.
 */
export function apiClient(url: (path: string) => string) {
  async function request(path: string, options: { key?: string; method?: string; json?: unknown; body?: string; headers?: Record<string, string> } = {}): Promise<ApiAnswer> {
    const headers = new Headers(options.headers);
    if (options.key) headers.set("Authorization", `Bearer ${options.key}`);
    let body = options.body;
    if (options.json !== undefined) {
      headers.set("Content-Type", "application/json");
      body = JSON.stringify(options.json);
    }
    const response = await fetch(url(path), { method: options.method ?? (body === undefined ? "GET" : "POST"), headers, body });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as unknown) : null };
  }

  /** Calls a documented operation and checks the answer against the contract. */
  async function call(operationId: OperationId, path: string, options: Parameters<typeof request>[1] = {}) {
    const operation: Operation = operations[operationId];
    const answer = await request(path, { method: operation.method.toUpperCase(), ...options });
    if (answer.status === operation.response.status) {
      const checked = operation.response.schema.safeParse(answer.body);
      expect(checked.error?.issues ?? [], `${operationId} answered outside its documented schema`).toEqual([]);
    } else {
      expect([...COMMON_REFUSALS, ...operation.refusals], `${operationId} answered an undocumented status ${answer.status}`).toContain(answer.status);
      expect(ErrorBody.safeParse(answer.body).error?.issues ?? [], `${operationId}'s refusal is not in the error shape`).toEqual([]);
    }
    return answer;
  }

  return { request, call };
}

/** The `error` of a refusal. */
export function errorOf(answer: ApiAnswer) {
  return (answer.body as { error: { code: string; message: string; fields?: Record<string, string[]> } }).error;
}
