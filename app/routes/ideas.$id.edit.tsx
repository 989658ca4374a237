import { getZodConstraint } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/use-translation";
import { IdeaForm } from "~/components/idea-form";
import { listCategories } from "~/domain/categories.server";
import { canActOnIdea } from "~/domain/idea-visibility";
import { getIdeaForEdit, updateIdea } from "~/domain/ideas.server";
import { pageTitle } from "~/lib/meta";
import { ideaPath } from "~/lib/paths";
import { requireUser } from "~/web/guards.server";
import { ideaSchema } from "~/web/idea-form";
import { parseIdeaForm } from "~/web/idea-form.server";
import { ideaIdFrom } from "~/web/params";
import { notFound, refusalResponse } from "~/web/responses.server";
import { readForm } from "~/web/form-body.server";

/** The idea, for its author only (the domain refuses anyone else), and not once moderation hid it. */
async function ideaToEdit(request: Request, param: string | undefined) {
  const user = await requireUser(request, { participate: true });
  const idea = await getIdeaForEdit(ideaIdFrom(param), user.id);
  if (!idea.ok) throw refusalResponse(idea.reason);
  if (!canActOnIdea(user, { hidden: !!idea.value.hidden })) throw notFound();
  return { user, idea: idea.value };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { idea } = await ideaToEdit(request, params.id);
  const categories = (await listCategories()).map(({ id, name }) => ({ id, name }));
  // An idea filed under a category archived since keeps it.
  if (idea.category && !categories.some((category) => category.id === idea.category!.id)) {
    categories.push({ id: idea.category.id, name: idea.category.name });
  }
  return {
    idea: { id: idea.id, title: idea.title, path: ideaPath(idea) },
    constraint: getZodConstraint(ideaSchema),
    categories,
    defaultValue: { title: idea.title, body: idea.bodyJson, categoryId: idea.category ? String(idea.category.id) : "" },
  };
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "ideaForm.editTitle");

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, idea: current } = await ideaToEdit(request, params.id);
  const parsed = await parseIdeaForm(await readForm({ request, context }), { keepCategoryId: current.category?.id ?? null });
  if (!parsed.value) return data(parsed.reply, { status: 400 });
  const { title, body, categoryId } = parsed.value;
  const updated = await updateIdea({ ideaId: current.id, editorId: user.id, title, body, categoryId });
  if (!updated.ok) throw refusalResponse(updated.reason);
  throw redirect(ideaPath(updated.value));
}

export default function EditIdeaPage() {
  const { t } = useTranslation();
  const { idea, constraint, categories, defaultValue } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="text-3xl font-bold">{t("ideaForm.editTitle")}</h1>
      <div className="mt-6">
        <IdeaForm lastResult={lastResult} constraint={constraint} categories={categories} defaultValue={defaultValue} submitLabel={t("ideaForm.submitEdit")} cancelTo={idea.path} />
      </div>
    </div>
  );
}
