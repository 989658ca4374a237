import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "~/lib/use-translation";
import type { Role } from "#db/schema";
import { Avatar } from "~/components/avatar";
import { ConfirmAddressNotice } from "~/components/confirm-address";
import { CommentItem, ReportThanks, SignedBy, TimelineEventItem } from "~/components/discussion";
import { EmptyState } from "~/components/empty-state";
import { ChallengeTag, CategoryTag, StatusBadge, WinnerBadge } from "~/components/idea-badges";
import { IdeaVote } from "~/components/idea-vote";
import { ReplyPromise, StaffLink } from "~/components/reply-promise";
import { RichText } from "~/components/rich-text";
import { CommentForm, ReportForm, StaffPanel } from "~/components/participation";
import { budgetFor, getChallenge } from "~/domain/challenges.server";
import { getCommentForEdit, getThread } from "~/domain/comments.server";
import { isFollowing } from "~/domain/follows.server";
import { canActOnIdea, canSeeIdea } from "~/domain/idea-visibility";
import { deleteIdea, getIdea } from "~/domain/ideas.server";
import { statusExplanationKey } from "~/domain/idea-lifecycle";
import { listStaff } from "~/domain/people.server";
import { replyPromiseContext } from "~/domain/reply-promise.server";
import { listVoters } from "~/domain/votes.server";
import { isStaff } from "~/domain/roles";
import { useFormatters } from "~/lib/format";
import { pageTitle } from "~/lib/meta";
import { useRootData } from "~/root";
import { ideaPath } from "~/lib/paths";
import { requireUser } from "~/web/guards.server";
import { ideaIdFrom, numberParam } from "~/web/params";
import { badRequest, notFound, refusalResponse } from "~/web/responses.server";
import { getOptionalUser } from "~/web/session.server";
import { handleDiscussionAction } from "./discussion-actions.server";
import { handleWorkflowAction } from "./workflow-actions.server";
import { readForm } from "~/web/form-body.server";
import { feedLink } from "~/web/feeds.server";

/** Staff see this many of the newest voters on the page; the API lists them all. */
const VOTERS_SHOWN = 20;

/** A wrong or missing slug redirects to the idea's canonical URL, keeping the query and hash. */
function redirectToCanonical(request: Request, idea: { id: number; title: string }) {
  const url = new URL(request.url);
  const canonical = ideaPath(idea);
  if (url.pathname !== canonical) throw redirect(canonical + url.search, 301);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const idea = await getIdea(ideaIdFrom(params.id), user?.id ?? null);
  if (!idea) throw notFound();
  const viewer = user ? { id: user.id, role: user.role } : null;
  // Hidden by moderation: its author and staff still see it; others see a placeholder that
  // names nothing but its number (no redirect to the slug, which is made of the title).
  if (!canSeeIdea(viewer, { authorId: idea.author.id, hidden: !!idea.hidden })) return { concealed: true as const, path: `/ideas/${idea.id}` };
  redirectToCanonical(request, idea);
  const { bodyJson: _json, bodyText: _text, mergedInto, ...shown } = idea;
  const search = new URL(request.url).searchParams;
  const editId = numberParam(request, "edit");
  const editing = user && editId ? await getCommentForEdit(editId, user.id) : null;
  const isAuthor = user?.id === idea.author.id;
  const staff = isStaff(user);
  const canAct = canActOnIdea(viewer, { hidden: !!idea.hidden });
  const [thread, staffList, voters, promise, following, feed] = await Promise.all([
    getThread(idea.id, viewer),
    staff ? listStaff() : [],
    staff ? listVoters(idea.id, { limit: VOTERS_SHOWN }) : null,
    replyPromiseContext(),
    user ? isFollowing(idea.id, user.id) : false,
    feedLink(`/ideas/${idea.id}/feed`, "feeds.idea", { idea: idea.title }),
  ]);
  const official = thread.find((item) => item.type === "comment" && item.id === idea.officialCommentId);
  const report = search.get("report");
  // In a challenge's voting, a person with no votes left sees the vote disabled, and why.
  const challenge = user && idea.challenge?.votingOpen ? await getChallenge(idea.challenge.slug) : null;
  const budgetSpent = user && challenge ? (await budgetFor(challenge, user.id))?.left === 0 : false;
  return {
    concealed: false as const,
    idea: {
      ...shown,
      mergedInto: mergedInto ? { id: mergedInto.id, title: canSeeIdea(viewer, mergedInto) ? mergedInto.title : null } : null,
      // The locale key, from the server: the rule's module stays out of the page's JavaScript.
      statusExplanation: statusExplanationKey(idea.status, idea.answered),
    },
    path: ideaPath(idea),
    viewer,
    isStaff: staff,
    staffList: staffList.map(({ id, displayName }) => ({ id, displayName })),
    voters: voters ? { list: voters.voters, more: voters.nextCursor !== null } : null,
    promise,
    reporting: user && report ? (report === "idea" ? "idea" : Number(report.replace("comment-", "")) || null) : null,
    thread,
    official: official?.type === "comment" ? official : null,
    following,
    replyingTo: numberParam(request, "reply") ?? null,
    confirmingDelete: numberParam(request, "delete") ?? null,
    budgetSpent,
    editing: editing ? { id: editing.id, bodyJson: editing.bodyJson } : null,
    canAct,
    canReport: canAct && !!user && !isAuthor,
    canEdit: isAuthor && canAct,
    canDelete: isAuthor && canAct && !idea.answered,
    // The page's description and feed link, made here and passed on by meta as they are: the
    // page's first download (at its 100 kB budget) carries no code for them.
    head: [{ name: "description", content: idea.excerpt.slice(0, 160) }, feed],
  };
}

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  !data || data.concealed
    ? pageTitle(matches, "moderation.hiddenIdeaTitle")
    : [
        ...pageTitle(matches, "ideaPage.title", { title: data.idea.title }),
        ...data.head,
      ];

/** Who may ask for each of the page's actions; the domain then checks what depends on the data. */
const INTENTS: Record<string, { role?: Role; participate?: boolean; handle: "discussion" | "workflow" | "delete" }> = {
  comment: { participate: true, handle: "discussion" },
  "edit-comment": { participate: true, handle: "discussion" },
  "delete-comment": { handle: "discussion" },
  official: { role: "staff", handle: "discussion" },
  follow: { handle: "discussion" },
  unfollow: { handle: "discussion" },
  report: { participate: true, handle: "workflow" },
  status: { role: "staff", handle: "workflow" },
  merge: { role: "staff", handle: "workflow" },
  unmerge: { role: "staff", handle: "workflow" },
  assign: { role: "staff", handle: "workflow" },
  "record-vote": { role: "staff", handle: "workflow" },
  delete: { handle: "delete" },
};

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ideaId = ideaIdFrom(params.id);
  const formData = await readForm({ request, context });
  const intent = String(formData.get("intent") ?? "");
  const gate = Object.hasOwn(INTENTS, intent) ? INTENTS[intent] : undefined;
  const user = await requireUser(request, { role: gate?.role, participate: gate?.participate });
  if (!gate) throw badRequest();
  const idea = await getIdea(ideaId, null);
  if (!idea) throw notFound();
  // On a hidden idea only staff act (the domain refuses each write too); unfollowing is always allowed.
  if (intent !== "unfollow" && !canActOnIdea(user, { hidden: !!idea.hidden })) throw notFound();
  if (gate.handle === "workflow") return handleWorkflowAction(intent, formData, ideaId, user, ideaPath(idea));
  if (gate.handle === "discussion") return handleDiscussionAction(intent, formData, ideaId, user, ideaPath(idea));

  const deleted = await deleteIdea({ ideaId, userId: user.id });
  if (!deleted.ok) {
    if (deleted.reason === "answered") return { formId: "idea", result: null, error: "errors.idea.answeredCannotDelete" };
    throw refusalResponse(deleted.reason);
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
  const { idea, path, isStaff, staffList, promise, reporting, thread, official, following, replyingTo, confirmingDelete, budgetSpent, editing, canAct, canReport, canEdit, canDelete } =
    loaded;
  // The author of a hidden idea still sees it, but acts on it no more: no vote, reply, report or follow.
  const viewer = canAct ? loaded.viewer : null;
  const signedIn = loaded.viewer !== null;
  const actionData = useActionData<typeof action>();
  const location = useLocation();
  const unconfirmedEmail = useRootData()?.user?.unconfirmedEmail;
  const commentCount = thread.filter((item) => item.type === "comment" && item.kind === "public" && !item.deleted).length;
  const error = actionData && "error" in actionData ? actionData.error : null;
  // Which report was just sent ("report-idea", "report-comment-12"): its thanks replace its form.
  const reportedFormId = actionData && "reported" in actionData ? actionData.formId : null;
  const lastResult = actionData && "formId" in actionData ? (actionData as { formId: string; result: never }) : null;

  return (
    <article aria-labelledby="idea-title">
      <Link to="/" className="text-sm font-medium text-brand-700 hover:underline">
        ← {t("ideaPage.back")}
      </Link>
      {idea.mergedInto ? (
        <p role="note" className="mt-4 rounded-md border border-sky-300 bg-sky-50 p-3 text-sky-900">
          {t("workflow.mergedBanner")}{" "}
          <Link to={ideaPath({ id: idea.mergedInto.id, title: idea.mergedInto.title ?? "" })} className="link font-semibold">
            {idea.mergedInto.title ?? t("moderation.hiddenIdeaLink", { id: idea.mergedInto.id })}
          </Link>
        </p>
      ) : null}
      {idea.hidden ? (
        <p role="note" className="mt-4 rounded-md border border-stone-400 bg-stone-100 p-3 text-sm text-stone-800">
          {t("moderation.hiddenNotice", { reason: idea.hidden.reason })}
        </p>
      ) : null}
      {/* On a phone the title has the width to itself, with the vote and Follow on a row below;
          from the sm breakpoint they stand either side of it. */}
      <div className="mt-4 grid grid-cols-[auto_1fr] items-start gap-x-4 gap-y-3 sm:grid-cols-[auto_1fr_auto]">
        <div className="col-span-2 min-w-0 sm:col-span-1 sm:col-start-2 sm:row-start-1">
          <h1 id="idea-title" className="text-2xl font-bold leading-tight sm:text-3xl">
            {idea.title}
          </h1>
          <div className="mt-2 flex flex-wrap items-center gap-3">
            <StatusBadge status={idea.status} />
            {idea.category ? <CategoryTag category={idea.category} /> : null}
            {idea.challenge ? <ChallengeTag challenge={idea.challenge} /> : null}
            {idea.winner ? <WinnerBadge winner={idea.winner} /> : null}
          </div>
          <p className="mt-1 text-sm text-muted">{t(idea.statusExplanation)}</p>
          {/* A merged duplicate waits for nothing: the idea it joined carries the promise. */}
          {idea.mergedInto ? null : <ReplyPromise createdAt={idea.createdAt} firstResponse={idea.firstResponse} promise={promise} />}
          {idea.assignee && !idea.mergedInto ? (
            <p className="mt-2 flex flex-wrap items-center gap-2 text-sm">
              <Avatar person={idea.assignee} size="sm" />
              <span>
                {t("workflow.lookedAfterBy")} <StaffLink person={idea.assignee} />
              </span>
            </p>
          ) : null}
        </div>
        {idea.mergedInto || !canAct ? null : (
          <div className="sm:col-start-1 sm:row-start-1">
            <IdeaVote idea={idea} budgetSpent={budgetSpent} />
          </div>
        )}
        <div className="col-start-2 self-center justify-self-end sm:col-start-3 sm:row-start-1 sm:self-start">
          {idea.mergedInto ? null : viewer ? (
            <Form method="post" preventScrollReset>
              <input type="hidden" name="intent" value={following ? "unfollow" : "follow"} />
              <button type="submit" className="btn-secondary" aria-pressed={following}>
                {following ? t("discussion.following") : t("discussion.follow")}
              </button>
            </Form>
          ) : signedIn ? null : (
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
        <div id="idea-report" className="scroll-mt-20">
          {reportedFormId === "report-idea" ? (
            <ReportThanks />
          ) : canReport ? (
            reporting === "idea" ? (
              <ReportForm lastResult={lastResult} cancelTo={path} />
            ) : (
              <Link to="?report=idea" preventScrollReset className="mt-4 inline-block text-sm text-muted underline hover:text-brand-700">
                {t("moderation.reportIdea")}
              </Link>
            )
          ) : null}
        </div>
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
              <TimelineEventItem key={`event-${item.id}`} event={item} challenge={idea.challenge} />
            ) : (
              <CommentItem
                key={item.id}
                comment={item}
                viewer={viewer}
                officialCommentId={idea.officialCommentId}
                replyingTo={replyingTo}
                editing={editing}
                reporting={typeof reporting === "number" ? reporting : null}
                reported={reportedFormId === `report-comment-${item.id}`}
                confirmingDelete={confirmingDelete}
                lastResult={lastResult}
                pagePath={path}
              />
            ),
          )}
        </ol>
        {viewer && unconfirmedEmail ? (
          <div className="card mt-6">
            <ConfirmAddressNotice email={unconfirmedEmail} reason="comment" />
          </div>
        ) : viewer ? (
          <div className="card mt-6">
            <CommentForm
              key={location.key}
              formId="new-comment"
              intent="comment"
              lastResult={lastResult?.formId === "new-comment" ? lastResult.result : undefined}
              label={t("discussion.newLabel")}
              submitLabel={t("discussion.send")}
              allowInternal={isStaff}
            />
          </div>
        ) : signedIn ? null : (
          <div className="card mt-6">
            <p>
              <Link className="link" to={`/login?${new URLSearchParams({ redirectTo: location.pathname })}`}>
                {t("discussion.loginToJoin")}
              </Link>
            </p>
          </div>
        )}
      </section>
    </article>
  );
}
