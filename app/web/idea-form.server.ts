import { getActiveCategory } from "~/domain/categories.server";
import { richBodyFrom } from "~/lib/rich-body.server";
import { ideaSchema } from "~/web/idea-form";
import { parseSubmission } from "~/web/submission.server";

/**
 * Checks a submitted idea form: the fields against the schema, the body against the editor's
 * schema and length limit, the category against the active ones. On error, the conform reply
 * carries translated-key field errors and everything that was typed.
 */
export async function parseIdeaForm(formData: FormData, options: { keepCategoryId?: number | null } = {}) {
  const submission = parseSubmission(formData, { schema: ideaSchema });
  if (submission.status !== "success") return { reply: submission.reply() } as const;
  const body = richBodyFrom(submission.value.body);
  const categoryId = submission.value.categoryId;
  // An idea may keep a category archived since it was filed; new choices must be active.
  const category = categoryId ? (categoryId === options.keepCategoryId ? { id: categoryId } : await getActiveCategory(categoryId)) : null;
  const fieldErrors: Record<string, string[]> = {};
  if (!body.ok) fieldErrors.body = [body.reason];
  if (categoryId && !category) fieldErrors.categoryId = ["errors.idea.categoryUnavailable"];
  if (!body.ok || Object.keys(fieldErrors).length > 0) return { reply: submission.reply({ fieldErrors }) } as const;
  return {
    submission,
    value: {
      title: submission.value.title,
      body: body.value,
      categoryId: category?.id ?? null,
      challengeId: submission.value.challengeId ?? null,
    },
  } as const;
}
