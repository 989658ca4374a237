import type { Category, Comment, User } from "#db/schema";
import { challengePhase } from "~/domain/challenge-phases";
import type { listAllChallenges } from "~/domain/challenges.server";
import type { getThread } from "~/domain/comments.server";
import type { getIdea, IdeaSummary } from "~/domain/ideas.server";
import { appUrl } from "~/lib/app-url.server";
import { challengePath, ideaPath } from "~/lib/paths";

/**
 * The API's representations of the domain's objects, as the contract describes them
 * (app/web/api/contract.ts): absolute URLs, no viewer-specific fields. Dates become ISO 8601
 * strings when the answer is serialised.
 */

export function apiIdeaSummary(idea: IdeaSummary) {
  return {
    id: idea.id,
    title: idea.title,
    excerpt: idea.excerpt,
    status: idea.status,
    voteCount: idea.voteCount,
    commentCount: idea.commentCount,
    createdAt: idea.createdAt,
    url: appUrl(ideaPath(idea)),
    // Named field by field: the contract's PersonRef, whatever else the domain brings (a photo).
    author: { id: idea.author.id, displayName: idea.author.displayName },
    category: idea.category,
    challenge: idea.challenge ? { slug: idea.challenge.slug, title: idea.challenge.title } : null,
  };
}

export function apiIdea(idea: NonNullable<Awaited<ReturnType<typeof getIdea>>>) {
  return {
    ...apiIdeaSummary(idea),
    bodyHtml: idea.bodyHtml,
    bodyText: idea.bodyText,
    editedAt: idea.editedAt,
    firstResponse: idea.firstResponse ? { at: idea.firstResponse.at, by: { id: idea.firstResponse.by.id, displayName: idea.firstResponse.by.displayName } } : null,
    officialCommentId: idea.officialCommentId,
    assigneeId: idea.assigneeId,
    mergedIntoId: idea.mergedInto?.id ?? null,
    hidden: idea.hidden !== null,
  };
}

type ThreadItem = Awaited<ReturnType<typeof getThread>>[number];

export function apiComments(thread: ThreadItem[], officialCommentId: number | null) {
  return thread.flatMap((item) =>
    item.type === "comment"
      ? [
          {
            id: item.id,
            parentId: item.parentId,
            kind: item.kind,
            official: item.id === officialCommentId,
            html: item.html,
            author: item.author && { id: item.author.id, displayName: item.author.displayName, role: item.author.role, jobTitle: item.author.jobTitle },
            deleted: item.deleted,
            hidden: item.hidden,
            editedAt: item.editedAt,
            createdAt: item.createdAt,
          },
        ]
      : [],
  );
}

/** A comment just posted through the API, by the key's admin. */
export function apiNewComment(comment: Comment, author: User, official: boolean) {
  return {
    id: comment.id,
    parentId: comment.parentId,
    kind: comment.kind,
    official,
    html: comment.bodyHtml,
    author: { id: author.id, displayName: author.displayName, role: author.role, jobTitle: author.jobTitle },
    deleted: false,
    hidden: false,
    editedAt: null,
    createdAt: comment.createdAt,
  };
}

export function apiPerson(person: User) {
  return {
    id: person.id,
    email: person.email,
    displayName: person.displayName,
    role: person.role,
    company: person.company,
    jobTitle: person.jobTitle,
    blocked: person.blockedAt !== null,
    createdAt: person.createdAt,
    url: appUrl(`/people/${person.id}`),
  };
}

export function apiCategory(category: Category) {
  return { id: category.id, name: category.name, description: category.description, colour: category.colour, archived: category.archivedAt !== null };
}

export function apiChallenge(challenge: Awaited<ReturnType<typeof listAllChallenges>>[number], now: Date) {
  return {
    id: challenge.id,
    slug: challenge.slug,
    title: challenge.title,
    phase: challengePhase(challenge, now),
    submissionOpensAt: challenge.submissionOpensAt,
    submissionClosesAt: challenge.submissionClosesAt,
    votingOpensAt: challenge.votingOpensAt,
    votingClosesAt: challenge.votingClosesAt,
    voteBudget: challenge.voteBudget,
    ideaCount: challenge.ideaCount,
    published: challenge.publishedAt !== null,
    resultsPublished: challenge.resultsPublishedAt !== null,
    url: appUrl(challengePath(challenge)),
  };
}
