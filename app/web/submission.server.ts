import { parseWithZod } from "@conform-to/zod/v4";
import type { z } from "zod";

/**
 * The longest value a refused form gets back as typed. Longer ones (no form of ours takes one:
 * the longest, a rich-text body of 20,000 characters, is well under it as the editor's JSON)
 * come back cut to this length, so a refused megabyte is not sent back, twice, in the page.
 */
export const ECHO_MAX = 100_000;

function cut(value: unknown): unknown {
  if (typeof value === "string") return value.length > ECHO_MAX ? value.slice(0, ECHO_MAX) : value;
  if (Array.isArray(value)) return value.map(cut);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, cut(inner)]));
  return value;
}

/**
 * conform's parseWithZod on the server: the same submission, whose reply echoes what was typed
 * (so a refused form keeps it) cut to ECHO_MAX characters a value.
 */
export function parseSubmission<Schema extends z.ZodType>(formData: FormData, options: { schema: Schema }) {
  const submission = parseWithZod(formData, options);
  const reply = submission.reply.bind(submission);
  submission.reply = (replyOptions) => {
    const result = reply(replyOptions);
    return result.initialValue ? { ...result, initialValue: cut(result.initialValue) as typeof result.initialValue } : result;
  };
  return submission;
}
