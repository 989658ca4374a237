import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Avatar } from "~/components/avatar";
import { CommentForm, CommentItem, SignedBy, TimelineEventItem } from "~/components/discussion";
import { ChallengeTag, CategoryTag, StatusBadge } from "~/components/idea-badges";
import { IdeaVote } from "~/components/idea-row";
import { getCommentForEdit, getThread } from "~/domain/comments.server";
import { handleDiscussionAction } from "~/domain/discussion-actions.server";
import { isFollowing } from "~/domain/follows.server";
import { ideaIdFrom, redirectToCanonical } from "~/domain/idea-params.server";
import { deleteIdea, getIdea, getIdeaAuthorId, IdeaAnsweredError } from "~/domain/ideas.server";
import { ideaPath } from "~/lib/paths";
import { getOptionalUser, requireUser } from "~/lib/auth.server";
import { isStaff } from "~/domain/roles";
import { EmptyState } from "~/components/empty-state";
import { ReplyPromise } from "~/components/reply-promise";
import { RichText } from "~/components/rich-text";
import { ReportForm, StaffPanel } from "~/components/staff-panel";
import { listStaff } from "~/domain/people.server";
import { getSite } from "~/domain/site.server";
import { handleWorkflowAction, WORKFLOW_INTENTS } from "~/domain/workflow-actions.server";
import { useFormatters } from "~/lib/format";
import { pageTitle } from "~/lib/meta";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const idea = getIdea(ideaIdFrom(params.id), user?.id ?? null);
  if (!idea) throw new Response("Not Found", { status: 404 });
  redirectToCanonical(request, idea);
  const { bodyJson: _json, bodyText: _text, ...shown } = idea;
  const search = new URL(request.url).searchParams;
  const viewer = user ? { id: user.id, role: user.role } : null;
  const editId = Number(search.get("edit"));
  const editing = user && editId ? getCommentForEdit(editId, user.id) : null;
  const isAuthor = user?.id === idea.author.id;
  const staff = isStaff(user);
  // Hidden by moderation: its author and staff still see it; others see a placeholder.
  if (idea.hidden && !staff && !isAuthor) return { concealed: true as const, path: ideaPath(idea) };
  const thread = getThread(idea.id, viewer);
  const official = thread.find((item) => item.type === "comment" && item.id === idea.officialCommentId);
  const report = search.get("report");
  return {
    concealed: false as const,
    idea: shown,
    path: ideaPath(idea),
    viewer,
    isStaff: staff,
    staffList: staff ? listStaff().map(({ id, displayName }) => ({ id, displayName })) : [],
    replyPromiseDays: getSite()!.replyPromiseDays,
    now: Date.now(),
    reporting: user && report ? (report === "idea" ? "idea" : Number(report.replace("comment-", "")) || null) : null,
    thread,
    official: official?.type === "comment" ? official : null,
    following: user ? isFollowing(idea.id, user.id) : false,
    replyingTo: Number(search.get("reply")) || null,
    editing: editing ? { id: editing.id, bodyJson: editing.bodyJson } : null,
    canEdit: isAuthor,
    canDelete: isAuthor && !idea.answered,
  };
}

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  !data || data.concealed
    ? pageTitle(matches, "moderation.hiddenIdeaTitle")
    : [...pageTitle(matches, "ideaPage.title", { title: data.idea.title }), { name: "description", content: data.idea.excerpt.slice(0, 160) }];

const PARTICIPATING = new Set(["comment", "edit-comment", "report"]);

export async function action({ request, params }: ActionFunctionArgs) {
  const ideaId = ideaIdFrom(params.id);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const user = await requireUser(request, { participate: PARTICIPATING.has(intent) });
  const idea = getIdea(ideaId, null);
  if (!idea) throw new Response("Not Found", { status: 404 });
  if (WORKFLOW_INTENTS.has(intent)) return handleWorkflowAction(intent, formData, ideaId, user, ideaPath(idea));
  if (intent !== "delete") return handleDiscussionAction(intent, formData, ideaId, user, ideaPath(idea));

  if (getIdeaAuthorId(ideaId) !== user.id) throw new Response("Forbidden", { status: 403 });
  try {
    deleteIdea(ideaId);
  } catch (error) {
    if (error instanceof IdeaAnsweredError) return { formId: "idea", result: null, error: "errors.idea.answeredCannotDelete" };
    throw error;
  }
  throw redirect("/?deleted=1");
}

export default function IdeaPage() {
  const loaderData = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  if (loaderData.concealed) {
    return (
      <div className="mx-auto max-w-xl">
        <h1 className="sr-only">{t("moderation.hiddenIdeaTitle")}</h1>
        <EmptyState title={t("moderation.hiddenIdeaTitle")} body={t("moderation.hiddenIdeaBody")} action={{ to: "/", label: t("ideaPage.back") }} />
      </div>
    );
  }
  return <VisibleIdea data={loaderData} />;
}

function VisibleIdea({ data: loaded }: { data: Extract<ReturnType<typeof useLoaderData<typeof loader>>, { concealed: false }> }) {
  const { t } = useTranslation();
  const { formatDate, formatDateTime } = useFormatters();
  const { idea, path, viewer, isStaff, staffList, replyPromiseDays, now, reporting, thread, official, following, replyingTo, editing, canEdit, canDelete } = loaded;
  const actionData = useActionData<typeof action>();
  const location = useLocation();
  const commentCount = thread.filter((item) => item.type === "comment" && item.kind === "public" && !item.deleted).length;
  const error = actionData && "error" in actionData ? actionData.error : null;
  const reported = !!actionData && "reported" in actionData;
  const lastResult = actionData && "formId" in actionData ? (actionData as { formId: string; result: never }) : null;

  return (
    <article aria-labelledby="idea-title">
      <Link to="/" className="text-sm font-medium text-brand-700 hover:underline">
        ← {t("ideaPage.back")}
      </Link>
      {idea.mergedInto ? (
        <p role="note" className="mt-4 rounded-md border border-sky-300 bg-sky-50 p-3 text-sky-900">
          {t("workflow.mergedBanner")}{" "}
          <Link to={ideaPath(idea.mergedInto)} className="link font-semibold">
            {idea.mergedInto.title}
          </Link>
        </p>
      ) : null}
      {idea.hidden ? (
        <p role="note" className="mt-4 rounded-md border border-stone-400 bg-stone-100 p-3 text-sm text-stone-800">
          {t("moderation.hiddenNotice", { reason: idea.hidden.reason })}
        </p>
      ) : null}
      <div className="mt-4 flex gap-4">
        {idea.mergedInto ? null : <IdeaVote idea={idea} />}
        <div className="min-w-0 flex-1">
          <h1 id="idea-title" className="text-3xl font-bold leading-tight">
            {idea.title}
          </h1>
          <div className="mt-2 flex flex-wrap items-center gap-3">
            <StatusBadge status={idea.status} />
            {idea.category ? <CategoryTag category={idea.category} /> : null}
            {idea.challenge ? <ChallengeTag challenge={idea.challenge} /> : null}
          </div>
          <p className="mt-1 text-sm text-muted">{t(`statuses.${idea.status}.description`)}</p>
          <ReplyPromise createdAt={idea.createdAt} firstResponse={idea.firstResponse} promiseDays={replyPromiseDays} now={now} />
        </div>
        <div className="shrink-0">
          {viewer ? (
            <Form method="post" preventScrollReset>
              <input type="hidden" name="intent" value={following ? "unfollow" : "follow"} />
              <button type="submit" className="btn-secondary" aria-pressed={following}>
                {following ? t("discussion.following") : t("discussion.follow")}
              </button>
            </Form>
          ) : (
            <Link to={`/login?${new URLSearchParams({ redirectTo: location.pathname })}`} className="btn-secondary">
              {t("discussion.follow")}
            </Link>
          )}
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
        <RichText html={idea.bodyHtml} className="mt-4" />
        {error ? (
          <p role="alert" className="mt-4 rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900">
            {t(error)}
          </p>
        ) : null}
        {reported ? (
          <p role="status" className="mt-4 rounded-md border border-green-300 bg-green-50 p-3 text-sm text-green-900">
            {t("moderation.thanks")}
          </p>
        ) : null}
        {viewer && !reported ? (
          reporting === "idea" ? (
            <ReportForm lastResult={lastResult} cancelTo={path} />
          ) : (
            <Link to="?report=idea" preventScrollReset className="mt-4 inline-block text-sm text-muted underline hover:text-brand-700">
              {t("moderation.reportIdea")}
            </Link>
          )
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

      {isStaff ? <StaffPanel key={`${idea.status}-${idea.assigneeId}`} status={idea.status} merged={!!idea.mergedInto} assigneeId={idea.assigneeId} staff={staffList} lastResult={lastResult} /> : null}

      {official?.author && official.html ? (
        <section id="official-response" aria-labelledby="official-title" className="mt-6 rounded-lg border-2 border-green-700 bg-green-50 p-6">
          <h2 id="official-title" className="text-sm font-bold uppercase tracking-wide text-green-900">
            {t("discussion.officialTitle")}
          </h2>
          <div className="mt-3">
            <SignedBy person={official.author} />
          </div>
          <RichText html={official.html} className="mt-3" />
          <a href={`#comment-${official.id}`} className="link mt-2 inline-block text-sm">
            {t("discussion.seeInThread")}
          </a>
        </section>
      ) : null}

      <section id="discussion" aria-labelledby="discussion-title" className="mt-10">
        <h2 id="discussion-title" className="text-xl font-bold">
          {t("discussion.title", { count: commentCount })}
        </h2>
        {thread.length === 0 ? <p className="mt-3 text-muted">{t("discussion.empty")}</p> : null}
        <ol className="mt-4 space-y-3">
          {thread.map((item) =>
            item.type === "event" ? (
              <TimelineEventItem key={`event-${item.id}`} event={item} />
            ) : (
              <CommentItem
                key={item.id}
                comment={item}
                viewer={viewer}
                officialCommentId={idea.officialCommentId}
                replyingTo={replyingTo}
                editing={editing}
                reporting={typeof reporting === "number" ? reporting : null}
                lastResult={lastResult}
                pagePath={path}
              />
            ),
          )}
        </ol>
        <div className="card mt-6">
          {viewer ? (
            <CommentForm
              key={location.key}
              formId="new-comment"
              intent="comment"
              lastResult={lastResult?.formId === "new-comment" ? lastResult.result : undefined}
              label={t("discussion.newLabel")}
              submitLabel={t("discussion.send")}
              allowInternal={isStaff}
            />
          ) : (
            <p>
              <Link className="link" to={`/login?${new URLSearchParams({ redirectTo: location.pathname })}`}>
                {t("discussion.loginToJoin")}
              </Link>
            </p>
          )}
        </div>
      </section>
    </article>
  );
}
