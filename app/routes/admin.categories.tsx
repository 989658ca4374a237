import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/lib/use-translation";
import { z } from "zod";
import { FieldErrors, FormErrors, TextField } from "~/components/forms";
import { CategoryTag } from "~/components/idea-badges";
import { createCategory, listCategories, setCategoryArchived, updateCategory } from "~/domain/categories.server";
import { pageTitle } from "~/lib/meta";
import { requireUser } from "~/web/guards.server";
import { formIdField, idField } from "~/web/params";
import { badRequest, refusalResponse } from "~/web/responses.server";
import { readForm } from "~/web/form-body.server";
import { parseSubmission } from "~/web/submission.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: "staff" });
  return { categories: await listCategories({ includeArchived: true }), constraint: getZodConstraint(categorySchema) };
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "admin.categories.title");

const categorySchema = z.object({
  name: z.string({ error: "errors.field.required" }).trim().min(2, "errors.field.tooShort:2").max(40, "errors.field.tooLong:40"),
  description: z.string().trim().max(200, "errors.field.tooLong:200").default(""),
  colour: z.string({ error: "errors.field.required" }).regex(/^#[0-9a-fA-F]{6}$/, "errors.category.colour").transform((value) => value.toLowerCase()),
});

const archiveSchema = z.object({ id: idField, archived: z.enum(["true", "false"]) });

export async function action({ request, context }: ActionFunctionArgs) {
  await requireUser(request, { role: "staff" });
  const formData = await readForm({ request, context });
  const intent = formData.get("intent");
  const formId = String(formData.get("formId") ?? "");

  if (intent === "archive") {
    const parsed = archiveSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) throw badRequest();
    const archived = await setCategoryArchived(parsed.data.id, parsed.data.archived === "true");
    if (!archived.ok) throw refusalResponse(archived.reason);
    return { formId, result: null };
  }

  const submission = parseSubmission(formData, { schema: categorySchema });
  if (submission.status !== "success") return data({ formId, result: submission.reply() }, { status: 400 });
  const saved = intent === "create" ? await createCategory(submission.value) : await updateCategory(formIdField(formData, "id"), submission.value);
  if (!saved.ok) {
    if (saved.reason === "nameTaken") return data({ formId, result: submission.reply({ fieldErrors: { name: ["errors.category.nameTaken"] } }) }, { status: 400 });
    throw refusalResponse(saved.reason);
  }
  return { formId, result: submission.reply({ resetForm: intent === "create" }) };
}

export default function AdminCategoriesPage() {
  const { t } = useTranslation();
  const { categories } = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="text-3xl font-bold">{t("admin.categories.title")}</h1>
      <p className="mt-2 text-muted">{t("admin.categories.intro")}</p>
      <section aria-labelledby="new-category" className="card mt-6">
        <h2 id="new-category" className="text-lg font-semibold">
          {t("admin.categories.newTitle")}
        </h2>
        <CategoryForm formId="new" intent="create" submitLabel={t("admin.categories.create")} />
      </section>
      <section aria-labelledby="existing-categories" className="mt-6">
        <h2 id="existing-categories" className="text-lg font-semibold">
          {t("admin.categories.existingTitle")}
        </h2>
        {categories.length === 0 ? (
          <p className="mt-2 text-muted">{t("admin.categories.none")}</p>
        ) : (
          <ul className="mt-3 space-y-3">
            {categories.map((category) => (
              <li key={category.id} className="card">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <p className="flex items-center gap-3">
                    <CategoryTag category={category} />
                    {category.archivedAt ? <span className="rounded bg-stone-200 px-2 py-0.5 text-xs">{t("admin.categories.archived")}</span> : null}
                  </p>
                  <Form method="post">
                    <input type="hidden" name="intent" value="archive" />
                    <input type="hidden" name="id" value={category.id} />
                    <input type="hidden" name="archived" value={String(!category.archivedAt)} />
                    <button type="submit" className="btn-secondary">
                      {category.archivedAt ? t("admin.categories.restore") : t("admin.categories.archive")}
                      <span className="sr-only"> {category.name}</span>
                    </button>
                  </Form>
                </div>
                <details className="mt-3">
                  <summary className="cursor-pointer text-sm font-medium text-brand-700">
                    {t("admin.categories.edit")}
                    <span className="sr-only"> {category.name}</span>
                  </summary>
                  <CategoryForm
                    formId={`edit-${category.id}`}
                    intent="update"
                    categoryId={category.id}
                    defaultValue={{ name: category.name, description: category.description, colour: category.colour }}
                    submitLabel={t("admin.categories.save")}
                  />
                </details>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function CategoryForm({
  formId,
  intent,
  categoryId,
  defaultValue = { name: "", description: "", colour: "#9a3412" },
  submitLabel,
}: {
  formId: string;
  intent: "create" | "update";
  categoryId?: number;
  defaultValue?: { name: string; description: string; colour: string };
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const { constraint } = useLoaderData<typeof loader>();
  const [form, fields] = useForm({
    id: `category-${formId}`,
    lastResult: actionData?.formId === formId ? (actionData.result as SubmissionResult<string[]> | null) : undefined,
    defaultValue,
    constraint,
  });
  const { key: _key, ...colourProps } = getInputProps(fields.colour, { type: "color" });
  return (
    <Form method="post" {...getFormProps(form)} className="mt-4 grid gap-4 sm:grid-cols-[1fr_2fr_auto]">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="formId" value={formId} />
      {categoryId ? <input type="hidden" name="id" value={categoryId} /> : null}
      <FormErrors id={form.errorId} errors={form.errors} />
      <TextField label={t("admin.categories.name")} meta={fields.name} />
      <TextField label={t("admin.categories.description")} meta={fields.description} />
      <div>
        <label htmlFor={fields.colour.id} className="block text-sm font-semibold">
          {t("admin.categories.colour")}
        </label>
        <input {...colourProps} className="mt-1 h-10 w-16 cursor-pointer rounded border border-stone-500" />
        <FieldErrors id={fields.colour.errorId} errors={fields.colour.errors} />
      </div>
      <div className="sm:col-span-3">
        <button type="submit" className="btn-primary" disabled={busy}>
          {submitLabel}
        </button>
      </div>
    </Form>
  );
}
