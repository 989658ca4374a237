import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Avatar } from "~/components/avatar";
import { CategoryTag, StatusBadge } from "~/components/idea-badges";
import { VoteButton } from "~/components/vote-button";
import { ideaIdFrom, redirectToCanonical } from "~/domain/idea-params.server";
import { deleteIdea, getIdea, getIdeaAuthorId, IdeaAnsweredError } from "~/domain/ideas.server";
import { getOptionalUser, requireUser } from "~/lib/auth.server";
import { useFormatters } from "~/lib/format";
import { pageTitle } from "~/lib/meta";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const idea = getIdea(ideaIdFrom(params.id), user?.id ?? null);
  if (!idea) throw new Response("Not Found", { status: 404 });
  redirectToCanonical(request, idea);
  const { bodyJson: _json, bodyText: _text, ...shown } = idea;
  const isAuthor = user?.id === idea.author.id;
  return { idea: shown, canEdit: isAuthor, canDelete: isAuthor && !idea.answered };
}

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => [
  ...pageTitle(matches, "ideaPage.title", { title: data?.idea.title ?? "" }),
  { name: "description", content: data?.idea.excerpt.slice(0, 160) ?? "" },
];

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const ideaId = ideaIdFrom(params.id);
  const formData = await request.formData();
  if (formData.get("intent") !== "delete") throw new Response("Bad Request", { status: 400 });
  const authorId = getIdeaAuthorId(ideaId);
  if (!authorId) throw new Response("Not Found", { status: 404 });
  if (authorId !== user.id) throw new Response("Forbidden", { status: 403 });
  try {
    deleteIdea(ideaId);
  } catch (error) {
    if (error instanceof IdeaAnsweredError) return { error: "errors.idea.answeredCannotDelete" };
    throw error;
  }
  throw redirect("/?deleted=1");
}

export default function IdeaPage() {
  const { t } = useTranslation();
  const { formatDate, formatDateTime } = useFormatters();
  const { idea, canEdit, canDelete } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <article aria-labelledby="idea-title">
      <Link to="/" className="text-sm font-medium text-brand-700 hover:underline">
        ← {t("ideaPage.back")}
      </Link>
      <div className="mt-4 flex gap-4">
        <VoteButton ideaId={idea.id} ideaTitle={idea.title} voted={idea.voted} voteCount={idea.voteCount} />
        <div className="min-w-0 flex-1">
          <h1 id="idea-title" className="text-3xl font-bold leading-tight">
            {idea.title}
          </h1>
          <div className="mt-2 flex flex-wrap items-center gap-3">
            <StatusBadge status={idea.status} />
            {idea.category ? <CategoryTag category={idea.category} /> : null}
          </div>
          <p className="mt-1 text-sm text-muted">{t(`statuses.${idea.status}.description`)}</p>
        </div>
      </div>

      <div className="card mt-6">
        <div className="flex items-center gap-3">
          <Avatar person={idea.author} />
          <div className="text-sm">
            <Link to={`/people/${idea.author.id}`} className="font-semibold hover:underline">
              {idea.author.displayName}
            </Link>
            <p className="text-muted">
              <time dateTime={new Date(idea.createdAt).toISOString()}>{t("ideaPage.posted", { date: formatDate(idea.createdAt) })}</time>
              {idea.editedAt ? (
                <>
                  {" · "}
                  <time dateTime={new Date(idea.editedAt).toISOString()}>{t("ideaPage.edited", { date: formatDateTime(idea.editedAt) })}</time>
                </>
              ) : null}
            </p>
          </div>
        </div>
        {/* Rendered on the server from the editor's schema and an allow-list (rich-text.server.ts). */}
        <div className="rich-text mt-4" dangerouslySetInnerHTML={{ __html: idea.bodyHtml }} />
        {actionData?.error ? (
          <p role="alert" className="mt-4 rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900">
            {t(actionData.error)}
          </p>
        ) : null}
        {canEdit || canDelete ? (
          <div className="mt-6 flex flex-wrap gap-3 border-t border-stone-200 pt-4">
            {canEdit ? (
              <Link to={`/ideas/${idea.id}/edit`} className="btn-secondary">
                {t("ideaPage.edit")}
              </Link>
            ) : null}
            {canDelete ? (
              <Form
                method="post"
                onSubmit={(event) => {
                  if (!window.confirm(t("ideaPage.deleteConfirm"))) event.preventDefault();
                }}
              >
                <button type="submit" name="intent" value="delete" className="btn-danger">
                  {t("ideaPage.delete")}
                </button>
              </Form>
            ) : null}
          </div>
        ) : null}
      </div>
    </article>
  );
}
