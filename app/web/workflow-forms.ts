import { z } from "zod";
import { SETTABLE_STATUSES } from "~/domain/idea-lifecycle";
import { emailField } from "~/web/account-forms";

export const statusFormSchema = z.object({
  status: z.enum(SETTABLE_STATUSES, { error: "errors.field.required" }),
  note: z.string().optional(),
});

export const mergeFormSchema = z.object({
  // The target's number or its URL (/ideas/42-…).
  target: z
    .string({ error: "errors.field.required" })
    .trim()
    .regex(/(?:^|\/ideas\/)(\d+)/, "errors.workflow.target")
    .transform((value) => Number(/(?:^|\/ideas\/)(\d+)/.exec(value)![1])),
});

/** Staff record a customer's vote: the email finds or makes the customer (name and company then). */
export const recordVoteFormSchema = z.object({
  email: emailField,
  displayName: z.string().trim().max(60, "errors.field.tooLong:60").optional(),
  company: z.string().trim().max(120, "errors.field.tooLong:120").optional(),
  note: z.string().trim().max(500, "errors.field.tooLong:500").optional(),
});

export const reportFormSchema = z.object({
  reason: z.string({ error: "errors.field.required" }).trim().min(3, "errors.field.tooShort:3").max(500, "errors.field.tooLong:500"),
});
