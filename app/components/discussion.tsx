import type { SubmissionResult } from "@conform-to/react";
import { Form, Link } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "~/lib/use-translation";
import type { IdeaStatus, Role } from "#db/schema";
import { Avatar } from "~/components/avatar";
import { RichText } from "~/components/rich-text";
import { StatusBadge } from "~/components/idea-badges";
import { CommentForm, ReportForm } from "~/components/participation";
import { challengePath, ideaPath } from "~/lib/paths";
import { clsx } from "~/lib/clsx";
import { useFormatters } from "~/lib/format";
import type { SafeHtml } from "~/lib/safe-html";
import { isStaff } from "~/domain/roles";

export type ThreadAuthor = { id: string; displayName: string; role: Role; jobTitle: string | null; photoId?: string | null };
type When = Date | string;
export type ThreadComment = {
  type: "comment";
  id: number;
  parentId: number | null;
  shownDepth: number;
  inReplyTo: string | null;
  kind: "public" | "internal";
  deleted: boolean;
  hidden: boolean;
  concealed: boolean;
  hiddenReason: string | null;
  html: SafeHtml | null;
  editedAt: When | null;
  createdAt: When;
  author: ThreadAuthor | null;
};
export type ThreadEvent = {
  type: "event";
  id: number;
  kind: string;
  commentId: number | null;
  fromStatus: IdeaStatus | null;
  toStatus: IdeaStatus | null;
  noteHtml: SafeHtml | null;
  relatedIdeaId: number | null;
  relatedIdeaTitle: string | null;
  /** For an assignment: who looks after the idea now (null: nobody). */
  relatedUserId: string | null;
  relatedUserName: string | null;
  createdAt: When;
  actorId: string;
  actorName: string;
  actorRole: Role;
  actorTitle: string | null;
  actorPhotoId?: string | null;
};

/** Name, photo, title and the "Team" badge: every staff word is signed by a person. */
export function SignedBy({ person, size = "md" }: { person: ThreadAuthor; size?: "sm" | "md" }) {
  const { t } = useTranslation();
  const staff = isStaff(person);
  return (
    <span className="flex items-center gap-2">
      <Avatar person={person} size={size === "sm" ? "sm" : "md"} />
      <span className="flex flex-wrap items-center gap-x-2 text-sm">
        <Link to={`/people/${person.id}`} className="font-semibold hover:underline">
          {person.displayName}
        </Link>
        {staff ? (
          <>
            <span className="rounded bg-brand-700 px-1.5 py-0.5 text-xs font-semibold uppercase tracking-wide text-white">{t("people.teamBadge")}</span>
            {person.jobTitle ? <span className="text-brand-800">{person.jobTitle}</span> : null}
          </>
        ) : null}
      </span>
    </span>
  );
}

const INDENT = ["", "ml-4 sm:ml-8", "ml-8 sm:ml-16", "ml-12 sm:ml-24", "ml-16 sm:ml-32"];

type CommentItemProps = {
  comment: ThreadComment;
  viewer: { id: string; role: Role } | null;
  officialCommentId: number | null;
  replyingTo: number | null;
  editing: { id: number; bodyJson: string } | null;
  reporting: number | null;
  /** This comment's report was just sent: its thanks replace the form. */
  reported: boolean;
  /** The comment whose author is being asked to confirm its deletion (?delete=id). */
  confirmingDelete: number | null;
  lastResult?: { formId: string; result: SubmissionResult<string[]> | null } | null;
  pagePath: string;
};

export function CommentItem({ comment, viewer, officialCommentId, replyingTo, editing, reporting, reported, confirmingDelete, lastResult, pagePath }: CommentItemProps) {
  const { t } = useTranslation();
  const { formatDateTime, formatRelative } = useFormatters();
  const internal = comment.kind === "internal";
  const own = !!viewer && comment.author?.id === viewer.id;
  const staffViewer = isStaff(viewer);
  const resultFor = (formId: string) => (lastResult?.formId === formId ? lastResult.result : undefined);

  return (
    <li id={`comment-${comment.id}`} tabIndex={-1} className={clsx("scroll-mt-20", INDENT[comment.shownDepth])}>
      <article
        aria-label={comment.author ? t("discussion.commentBy", { name: comment.author.displayName }) : t("discussion.deleted")}
        className={clsx(
          "rounded-lg border p-4",
          internal ? "border-2 border-dashed border-amber-500 bg-amber-50" : isStaff(comment.author) ? "border-brand-700 bg-brand-50" : "border-stone-200 bg-white",
        )}
      >
        {internal ? <p className="mb-2 text-xs font-bold uppercase tracking-wide text-amber-900">{t("discussion.internalBanner")}</p> : null}
        {comment.hidden && !comment.concealed ? (
          <p className="mb-2 rounded bg-stone-200 px-2 py-1 text-xs text-stone-800">{t("moderation.hiddenNotice", { reason: comment.hiddenReason ?? "" })}</p>
        ) : null}
        {comment.deleted || !comment.author ? (
          <p className="italic text-muted">{comment.concealed ? t("moderation.hiddenPlaceholder") : t("discussion.deleted")}</p>
        ) : (
          <>
            <div className="flex flex-wrap items-center justify-between gap-2">
              <SignedBy person={comment.author} size="sm" />
              <span className="text-xs text-muted">
                <a href={`#comment-${comment.id}`} className="hover:underline" title={formatDateTime(comment.createdAt)}>
                  <time dateTime={new Date(comment.createdAt).toISOString()} suppressHydrationWarning>
                    {formatRelative(comment.createdAt)}
                  </time>
                </a>
                {comment.editedAt ? (
                  <span title={formatDateTime(comment.editedAt)}> · {t("discussion.edited", { date: formatDateTime(comment.editedAt) })}</span>
                ) : null}
              </span>
            </div>
            {comment.id === officialCommentId ? (
              <p className="mt-2 inline-block rounded bg-green-100 px-2 py-0.5 text-xs font-semibold text-green-900">{t("discussion.officialTag")}</p>
            ) : null}
            {comment.inReplyTo ? <p className="mt-2 text-xs text-muted">{t("discussion.inReplyTo", { name: comment.inReplyTo })}</p> : null}
            {editing?.id === comment.id ? (
              <div className="mt-3">
                <CommentForm
                  formId={`edit-${comment.id}`}
                  intent="edit-comment"
                  lastResult={resultFor(`edit-${comment.id}`)}
                  label={t("discussion.editLabel")}
                  submitLabel={t("discussion.saveEdit")}
                  defaultBody={editing.bodyJson}
                  hidden={{ commentId: comment.id }}
                  cancelTo={`${pagePath}#comment-${comment.id}`}
                />
              </div>
            ) : comment.html ? (
              <RichText html={comment.html} className="mt-2 text-sm" />
            ) : null}
            <div className="mt-3 flex flex-wrap items-center gap-3 text-sm">
              {viewer ? (
                <Link to={`?reply=${comment.id}#reply-${comment.id}`} preventScrollReset className="font-medium text-brand-700 hover:underline">
                  {t("discussion.reply")}
                </Link>
              ) : null}
              {own ? (
                <>
                  <Link to={`?edit=${comment.id}#comment-${comment.id}`} preventScrollReset className="font-medium text-brand-700 hover:underline">
                    {t("discussion.edit")}
                  </Link>
                  <Link to={`?delete=${comment.id}#comment-${comment.id}`} preventScrollReset className="font-medium text-red-800 hover:underline">
                    {t("discussion.delete")}
                  </Link>
                </>
              ) : null}
              {viewer && !own && !internal ? (
                <Link to={`?report=comment-${comment.id}#comment-${comment.id}`} preventScrollReset className="text-muted hover:underline">
                  {t("moderation.report")}
                </Link>
              ) : null}
              {staffViewer && !internal && isStaff(comment.author) && comment.id !== officialCommentId ? (
                <Form method="post" preventScrollReset>
                  <input type="hidden" name="intent" value="official" />
                  <input type="hidden" name="commentId" value={comment.id} />
                  <button type="submit" className="font-medium text-green-800 hover:underline">
                    {t("discussion.markOfficial")}
                  </button>
                </Form>
              ) : null}
            </div>
          </>
        )}
        {own && confirmingDelete === comment.id && !comment.deleted ? <ConfirmDelete commentId={comment.id} cancelTo={`${pagePath}#comment-${comment.id}`} /> : null}
        {reported ? (
          <ReportThanks />
        ) : reporting === comment.id && viewer ? (
          <ReportForm commentId={comment.id} lastResult={lastResult ?? null} cancelTo={`${pagePath}#comment-${comment.id}`} />
        ) : null}
      </article>
      {replyingTo === comment.id && viewer ? (
        <div id={`reply-${comment.id}`} className="mt-3 rounded-lg border border-stone-200 bg-white p-4">
          <CommentForm
            formId={`reply-${comment.id}`}
            intent="comment"
            lastResult={resultFor(`reply-${comment.id}`)}
            label={t("discussion.replyLabel", { name: comment.author?.displayName ?? "" })}
            submitLabel={t("discussion.sendReply")}
            hidden={{ parentId: comment.id, kind: comment.kind }}
            cancelTo={`${pagePath}#comment-${comment.id}`}
          />
        </div>
      ) : null}
    </li>
  );
}

/** Moves the focus to a message that has just appeared where the person acted, so they (and their screen reader) are already there. */
function useFocusOnArrival<T extends HTMLElement>() {
  const element = useRef<T>(null);
  useEffect(() => element.current?.focus(), []);
  return element;
}

/** The thanks that replace a report form once it is sent, where the form was. */
export function ReportThanks() {
  const { t } = useTranslation();
  const message = useFocusOnArrival<HTMLParagraphElement>();
  return (
    <p ref={message} tabIndex={-1} role="status" className="mt-3 rounded-md border border-green-300 bg-green-50 p-3 text-sm text-green-900">
      {t("moderation.thanks")}
    </p>
  );
}

/** Deleting one's comment takes a second step (a page of its own without JavaScript: ?delete=id). */
function ConfirmDelete({ commentId, cancelTo }: { commentId: number; cancelTo: string }) {
  const { t } = useTranslation();
  const question = useFocusOnArrival<HTMLParagraphElement>();
  return (
    <div role="group" aria-labelledby={`delete-question-${commentId}`} className="mt-3 rounded-md border border-red-300 bg-red-50 p-3">
      <p ref={question} id={`delete-question-${commentId}`} tabIndex={-1} className="text-sm font-medium text-red-900">
        {t("discussion.deleteConfirm")}
      </p>
      <div className="mt-2 flex flex-wrap gap-2">
        <Form method="post" preventScrollReset>
          <input type="hidden" name="intent" value="delete-comment" />
          <input type="hidden" name="commentId" value={commentId} />
          <button type="submit" className="btn-danger">
            {t("discussion.deleteYes")}
          </button>
        </Form>
        <Link to={cancelTo} preventScrollReset className="btn-secondary">
          {t("discussion.cancel")}
        </Link>
      </div>
    </div>
  );
}

export function TimelineEventItem({ event, challenge }: { event: ThreadEvent; challenge?: { slug: string } | null }) {
  const { t } = useTranslation();
  const { formatDateTime } = useFormatters();
  const actor = { id: event.actorId, displayName: event.actorName, role: event.actorRole, jobTitle: event.actorTitle, photoId: event.actorPhotoId };
  // What the sentence points to: the idea merged with, who looks after it now, or the results.
  const link = event.relatedIdeaId ? (
    <Link to={ideaPath({ id: event.relatedIdeaId, title: event.relatedIdeaTitle ?? "" })} className="link">
      {event.relatedIdeaTitle ?? t("moderation.hiddenIdeaLink", { id: event.relatedIdeaId })}
    </Link>
  ) : event.relatedUserId ? (
    <Link to={`/people/${event.relatedUserId}`} className="link">
      {event.relatedUserName}
    </Link>
  ) : event.kind === "challenge_results" && challenge ? (
    <Link to={`${challengePath(challenge)}#results`} className="link">
      {t("timeline.seeResults")}
    </Link>
  ) : null;
  const when = <time dateTime={new Date(event.createdAt).toISOString()}>{formatDateTime(event.createdAt)}</time>;

  if (event.kind === "status_change" && event.toStatus) {
    return (
      <li className="rounded-lg border border-stone-300 bg-stone-50 p-4">
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <SignedBy person={actor} size="sm" />
          <span>{t("timeline.statusChanged")}</span>
          {event.fromStatus ? <StatusBadge status={event.fromStatus} /> : null}
          <span aria-hidden="true">→</span>
          <StatusBadge status={event.toStatus} />
          <span className="text-xs text-muted">· {when}</span>
        </div>
        {event.noteHtml ? <RichText html={event.noteHtml} className="mt-2 text-sm" /> : null}
      </li>
    );
  }
  return (
    <li className="flex flex-wrap items-center gap-x-2 py-1 text-sm text-muted">
      <span aria-hidden="true">●</span>
      <span>
        {t(`timeline.${event.kind === "assigned" && !event.relatedUserId ? "unassigned" : event.kind}`, { name: event.actorName })}{" "}
        {link}
        {event.commentId ? (
          <>
            {" "}
            <a href={`#comment-${event.commentId}`} className="link">
              {t("timeline.see")}
            </a>
          </>
        ) : null}{" "}
        · {when}
      </span>
    </li>
  );
}
