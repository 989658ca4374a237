import { z } from "zod";
import { TITLE_MAX, TITLE_MIN } from "~/web/idea-form";

const SLUG_MAX = 60;
export const VOTE_BUDGET_MAX = 50;
const localDateTime = z
  .string({ error: "errors.field.required" })
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "errors.challenge.dateTime");

/**
 * The staff form for a challenge. The four times are wall-clock times in the staff member's
 * time zone (`datetime-local` inputs): compared here as text, converted on the server.
 */
export const challengeSchema = z
  .object({
    title: z
      .string({ error: "errors.field.required" })
      .trim()
      .min(TITLE_MIN, `errors.field.tooShort:${TITLE_MIN}`)
      .max(TITLE_MAX, `errors.field.tooLong:${TITLE_MAX}`),
    slug: z
      .string()
      .trim()
      .toLowerCase()
      .max(SLUG_MAX, `errors.field.tooLong:${SLUG_MAX}`)
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "errors.challenge.slug")
      .optional(),
    // The editor's JSON or plain text; checked by richBodyFrom on the server.
    brief: z.string({ error: "errors.field.required" }),
    submissionOpensAt: localDateTime,
    submissionClosesAt: localDateTime,
    votingOpensAt: localDateTime,
    votingClosesAt: localDateTime,
    voteBudget: z.coerce
      .number({ error: "errors.field.wholeNumber" })
      .int("errors.field.wholeNumber")
      .min(1, "errors.field.atLeast:1")
      .max(VOTE_BUDGET_MAX, `errors.field.atMost:${VOTE_BUDGET_MAX}`)
      .optional(),
    timeZone: z.string().max(64).optional(),
  })
  .superRefine((value, context) => {
    const rules = [
      ["submissionClosesAt", value.submissionClosesAt <= value.submissionOpensAt, "errors.challenge.submissionClosesBeforeOpens"],
      ["votingOpensAt", value.votingOpensAt < value.submissionClosesAt, "errors.challenge.votingBeforeSubmissionCloses"],
      ["votingClosesAt", value.votingClosesAt <= value.votingOpensAt, "errors.challenge.votingClosesBeforeOpens"],
    ] as const;
    for (const [path, broken, message] of rules) {
      if (broken) context.addIssue({ code: "custom", path: [path], message });
    }
  });

/** The results form: a note signed by the staff member, and each idea's place ("", "selected", "1"…). */
export const RESULT_PLACE_PREFIX = "place-";
