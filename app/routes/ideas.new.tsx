import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { IdeaForm } from "~/components/idea-form";
import { listCategories } from "~/domain/categories.server";
import { parseIdeaForm } from "~/domain/idea-form.server";
import { createIdea } from "~/domain/ideas.server";
import { ideaPath } from "~/domain/statuses";
import { requireUser } from "~/lib/auth.server";
import { pageTitle } from "~/lib/meta";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { participate: true });
  return { categories: listCategories().map(({ id, name }) => ({ id, name })) };
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "ideaForm.newTitle");

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, { participate: true });
  const parsed = parseIdeaForm(await request.formData());
  if (!parsed.value) return data(parsed.reply, { status: 400 });
  const idea = createIdea({ authorId: user.id, ...parsed.value });
  throw redirect(ideaPath(idea));
}

export default function NewIdeaPage() {
  const { t } = useTranslation();
  const { categories } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="text-3xl font-bold">{t("ideaForm.newTitle")}</h1>
      <p className="mt-2 text-muted">{t("ideaForm.newIntro")}</p>
      <div className="mt-6">
        <IdeaForm lastResult={lastResult} categories={categories} submitLabel={t("ideaForm.submitNew")} cancelTo="/" suggestSimilar />
      </div>
    </div>
  );
}
