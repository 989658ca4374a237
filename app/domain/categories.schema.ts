import { z } from "zod";

export const categorySchema = z.object({
  name: z.string({ error: "errors.field.required" }).trim().min(2, "errors.field.tooShort:2").max(40, "errors.field.tooLong:40"),
  description: z.string().trim().max(200, "errors.field.tooLong:200").default(""),
  colour: z.string({ error: "errors.field.required" }).regex(/^#[0-9a-fA-F]{6}$/, "errors.category.colour").transform((value) => value.toLowerCase()),
});
