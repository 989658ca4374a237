import type { ChallengeInput } from "~/domain/challenges.server";
import { slugify } from "~/lib/paths";
import { richBodyFrom } from "~/lib/rich-body.server";
import { isValidTimeZone, parseLocalDateTime } from "~/lib/time-zone";
import { challengeSchema } from "~/web/challenge-form";
import { parseSubmission } from "~/web/submission.server";

const TIMES = ["submissionOpensAt", "submissionClosesAt", "votingOpensAt", "votingClosesAt"] as const;

/**
 * Checks a submitted challenge form: the fields and the order of the windows against the
 * schema, the brief against the editor's schema. Times are read in the time zone the form was
 * filled in (sent by the page; else the reader's cookie). On error, the conform reply carries
 * translated-key field errors and everything that was typed.
 */
export function parseChallengeForm(formData: FormData, fallbackTimeZone: string) {
  const submission = parseSubmission(formData, { schema: challengeSchema });
  if (submission.status !== "success") return { reply: submission.reply() } as const;
  const { value } = submission;
  const timeZone = isValidTimeZone(value.timeZone) ? value.timeZone : fallbackTimeZone;
  const brief = richBodyFrom(value.brief);
  const slug = value.slug || slugify(value.title);
  const fieldErrors: Record<string, string[]> = {};
  if (!brief.ok) fieldErrors.brief = [brief.reason];
  if (!slug) fieldErrors.slug = ["errors.challenge.slug"];
  const times = Object.fromEntries(TIMES.map((name) => [name, parseLocalDateTime(value[name], timeZone)])) as Record<(typeof TIMES)[number], Date | null>;
  for (const name of TIMES) if (!times[name]) fieldErrors[name] = ["errors.challenge.dateTime"];
  if (!brief.ok || Object.keys(fieldErrors).length > 0) return { reply: submission.reply({ fieldErrors }) } as const;
  return {
    submission,
    value: {
      slug,
      title: value.title,
      brief: brief.value,
      submissionOpensAt: times.submissionOpensAt!,
      submissionClosesAt: times.submissionClosesAt!,
      votingOpensAt: times.votingOpensAt!,
      votingClosesAt: times.votingClosesAt!,
      voteBudget: value.voteBudget ?? null,
    } satisfies ChallengeInput,
  } as const;
}
