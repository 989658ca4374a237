import { getZodConstraint } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/use-translation";
import { IdeaForm } from "~/components/idea-form";
import { listCategories } from "~/domain/categories.server";
import { challengesOpenForIdeas } from "~/domain/challenges.server";
import { createIdea } from "~/domain/ideas.server";
import { formatZonedDateTime } from "~/lib/format";
import { pageTitle } from "~/lib/meta";
import { ideaPath } from "~/lib/paths";
import { useTimeZone } from "~/lib/use-time-zone";
import { requireUser } from "~/web/guards.server";
import { ideaSchema } from "~/web/idea-form";
import { parseIdeaForm } from "~/web/idea-form.server";
import { readForm } from "~/web/form-body.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { participate: true });
  // /ideas/new?challenge=slug answers a challenge, while it is taking ideas.
  const slug = new URL(request.url).searchParams.get("challenge");
  const [categories, open] = await Promise.all([listCategories(), slug ? challengesOpenForIdeas() : []]);
  const challenge = open.find((candidate) => candidate.slug === slug) ?? null;
  return {
    constraint: getZodConstraint(ideaSchema),
    categories: categories.map(({ id, name }) => ({ id, name })),
    challenge,
    challengeClosed: Boolean(slug && !challenge),
  };
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "ideaForm.newTitle");

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { participate: true });
  const parsed = await parseIdeaForm(await readForm({ request, context }));
  if (!parsed.value) return data(parsed.reply, { status: 400 });
  const created = await createIdea({ authorId: user.id, ...parsed.value });
  // The challenge closed (or vanished) while the idea was being written: say so and keep every word.
  if (!created.ok) return data(parsed.submission.reply({ formErrors: ["errors.challenge.notOpenForIdeas"] }), { status: 409 });
  throw redirect(ideaPath(created.value));
}

export default function NewIdeaPage() {
  const { t, i18n } = useTranslation();
  const timeZone = useTimeZone();
  const { constraint, categories, challenge, challengeClosed } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="text-3xl font-bold">{challenge ? t("ideaForm.challengeTitle", { challenge: challenge.title }) : t("ideaForm.newTitle")}</h1>
      <p className="mt-2 text-muted">{t("ideaForm.newIntro")}</p>
      {challenge ? (
        <p className="mt-4 rounded-md border border-violet-300 bg-violet-50 p-3 text-sm text-violet-950">
          {t("ideaForm.challengeNote", { date: formatZonedDateTime(i18n.language, timeZone, challenge.submissionClosesAt) })}{" "}
          <Link to="/ideas/new" className="link">
            {t("ideaForm.challengeLeave")}
          </Link>
        </p>
      ) : null}
      {challengeClosed ? (
        <p role="status" className="mt-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
          {t("ideaForm.challengeClosed")}
        </p>
      ) : null}
      <div className="mt-6">
        <IdeaForm
          lastResult={lastResult}
          constraint={constraint}
          categories={categories}
          challengeId={challenge?.id}
          submitLabel={t("ideaForm.submitNew")}
          cancelTo={challenge ? `/challenges/${challenge.slug}` : "/"}
          suggestSimilar
        />
      </div>
    </div>
  );
}
