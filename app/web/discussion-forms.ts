import { z } from "zod";

/** The comment form's fields; the body is then checked by richBodyFrom on the server. */
export const commentFormSchema = z.object({ body: z.string({ error: "errors.field.required" }).min(1, "errors.field.required") });
