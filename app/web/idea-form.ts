import { z } from "zod";

export const TITLE_MIN = 4;
export const TITLE_MAX = 120;

/** The idea form (new and edit), checked on the server; the browser gets its HTML constraints (getZodConstraint) from the loaders. */
export const ideaSchema = z.object({
  title: z
    .string({ error: "errors.field.required" })
    .trim()
    .min(TITLE_MIN, `errors.field.tooShort:${TITLE_MIN}`)
    .max(TITLE_MAX, `errors.field.tooLong:${TITLE_MAX}`),
  // The editor's JSON, or plain text from the no-JavaScript textarea; checked on the server
  // by richBodyFrom against the editor's schema and the length limit.
  body: z.string({ error: "errors.field.required" }),
  categoryId: z.coerce.number().int().positive().optional(),
  /** Only when posting: the challenge the idea answers. */
  challengeId: z.coerce.number().int().positive().optional(),
});
