import { z } from "zod";
import { IDEA_STATUSES } from "#db/schema";

export const TITLE_MIN = 4;
export const TITLE_MAX = 120;

export const ideaSchema = z.object({
  title: z
    .string({ error: "errors.field.required" })
    .trim()
    .min(TITLE_MIN, `errors.field.tooShort:${TITLE_MIN}`)
    .max(TITLE_MAX, `errors.field.tooLong:${TITLE_MAX}`),
  // The editor's JSON, or plain text from the no-JavaScript textarea; checked on the server
  // by parseRichText against the editor's schema and the length limit.
  body: z.string({ error: "errors.field.required" }),
  categoryId: z.coerce.number().int().positive().optional(),
  /** Only when posting: the challenge the idea answers. */
  challengeId: z.coerce.number().int().positive().optional(),
});

export const IDEA_SORTS = ["trending", "top", "new", "active"] as const;
export type IdeaSort = (typeof IDEA_SORTS)[number];

/** The ideas list's query string; anything unknown falls back to the default. */
export const listQuerySchema = z.object({
  sort: z.enum(IDEA_SORTS).catch("trending"),
  status: z.enum(IDEA_STATUSES).optional().catch(undefined),
  category: z.coerce.number().int().positive().optional().catch(undefined),
  q: z.string().trim().max(200).optional().catch(undefined),
  after: z.string().max(100).optional().catch(undefined),
});
export type ListQuery = z.infer<typeof listQuerySchema>;
