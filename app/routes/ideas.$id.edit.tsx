import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { IdeaForm } from "~/components/idea-form";
import { listCategories } from "~/domain/categories.server";
import { parseIdeaForm } from "~/domain/idea-form.server";
import { ideaIdFrom } from "~/domain/idea-params.server";
import { getIdea, getIdeaAuthorId, updateIdea } from "~/domain/ideas.server";
import { ideaPath } from "~/lib/paths";
import { requireUser } from "~/lib/auth.server";
import { pageTitle } from "~/lib/meta";

/** Only the author edits their idea. */
async function requireAuthor(request: Request, param: string | undefined) {
  const user = await requireUser(request, { participate: true });
  const ideaId = ideaIdFrom(param);
  const authorId = getIdeaAuthorId(ideaId);
  if (!authorId) throw new Response("Not Found", { status: 404 });
  if (authorId !== user.id) throw new Response("Forbidden", { status: 403 });
  return { user, ideaId };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, ideaId } = await requireAuthor(request, params.id);
  const idea = getIdea(ideaId, user.id)!;
  const categories = listCategories().map(({ id, name }) => ({ id, name }));
  // An idea filed under a category archived since keeps it.
  if (idea.category && !categories.some((category) => category.id === idea.category!.id)) {
    categories.push({ id: idea.category.id, name: idea.category.name });
  }
  return {
    idea: { id: idea.id, title: idea.title, path: ideaPath(idea) },
    categories,
    defaultValue: { title: idea.title, body: idea.bodyJson, categoryId: idea.category ? String(idea.category.id) : "" },
  };
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "ideaForm.editTitle");

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, ideaId } = await requireAuthor(request, params.id);
  const current = getIdea(ideaId, user.id)!;
  const parsed = parseIdeaForm(await request.formData(), { keepCategoryId: current.category?.id ?? null });
  if (!parsed.value) return data(parsed.reply, { status: 400 });
  const idea = updateIdea(ideaId, parsed.value);
  throw redirect(ideaPath(idea));
}

export default function EditIdeaPage() {
  const { t } = useTranslation();
  const { idea, categories, defaultValue } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="text-3xl font-bold">{t("ideaForm.editTitle")}</h1>
      <div className="mt-6">
        <IdeaForm lastResult={lastResult} categories={categories} defaultValue={defaultValue} submitLabel={t("ideaForm.submitEdit")} cancelTo={idea.path} />
      </div>
    </div>
  );
}
