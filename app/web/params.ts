import { z } from "zod";
import { badRequest, notFound } from "~/web/responses.server";

/** A database id as a form sends it: a positive whole number. */
export const idField = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** The id in "/ideas/42-faster-checkout" (a slug may follow it); anything else is a 404. */
export function ideaIdFrom(param: string | undefined) {
  const match = /^(\d{1,15})(?:-|$)/.exec(param ?? "");
  if (!match) throw notFound();
  return Number(match[1]);
}

/** A plain id in the URL ("/admin/challenges/7"); anything else is a 404. */
export function idFrom(param: string | undefined) {
  const parsed = idField.safeParse(param);
  if (!parsed.success) throw notFound();
  return parsed.data;
}

/**
 * An optional positive number in the query string (`?category=3`, `?before=1700000000000`):
 * the number, or undefined when it is missing or not one.
 */
export function numberParam(request: Request, name: string) {
  const parsed = idField.safeParse(new URL(request.url).searchParams.get(name) ?? undefined);
  return parsed.success ? parsed.data : undefined;
}

/** An id a form must carry (`commentId`…); a form without a good one is a 400. */
export function formIdField(formData: FormData, name: string) {
  const parsed = idField.safeParse(formData.get(name));
  if (!parsed.success) throw badRequest();
  return parsed.data;
}
