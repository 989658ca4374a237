import { exportComments, exportIdeas, exportVotes } from "~/domain/exports.server";
import type { InsightsFilters, Range } from "~/domain/insights.server";
import { csvFilename, csvResponse } from "~/web/csv.server";

// The three CSV downloads of /admin/insights (issue 14, item 3): the domain's batches as the
// reader's spreadsheet columns. Their routes check the role and parse the page's choices; the
// benchmark (bench/insights.ts) streams these same responses.

type Translate = (key: string) => string;
type CsvExport = { range: Range; filters: InsightsFilters; t: Translate; siteName: string; day: Date };

/**
 * `t`, remembering what it said for each key: a status or a comment's kind is translated once
 * per export instead of once per row (i18next's lookup cost a quarter of a comments export).
 */
function remembered(t: Translate): Translate {
  const said = new Map<string, string>();
  return (key) => {
    let text = said.get(key);
    if (text === undefined) {
      text = t(key);
      said.set(key, text);
    }
    return text;
  };
}

const IDEA_COLUMNS = ["id", "title", "status", "category", "challenge", "author", "company", "votes", "comments", "posted", "firstReplyAt", "firstReplyBy", "adoptedAt", "adoptedBy"];

export function ideasCsv({ range, filters, t, siteName, day }: CsvExport) {
  const status = remembered(t);
  async function* rows() {
    for await (const batch of exportIdeas(range, filters)) {
      yield batch.map((idea) => [
        idea.id,
        idea.title,
        status(`statuses.${idea.status}.label`),
        idea.category,
        idea.challenge,
        idea.author,
        idea.company,
        idea.votes,
        idea.comments,
        idea.createdAt,
        idea.firstResponseAt,
        idea.firstResponder,
        idea.adoptedAt,
        idea.adopter,
      ]);
    }
  }
  return csvResponse(csvFilename(siteName, "ideas", day), IDEA_COLUMNS.map((column) => t(`insights.csv.ideas.${column}`)), rows());
}

const VOTE_COLUMNS = ["ideaId", "idea", "person", "company", "votedAt"];

export function votesCsv({ range, filters, t, siteName, day }: CsvExport) {
  async function* rows() {
    for await (const batch of exportVotes(range, filters)) yield batch.map((vote) => [vote.ideaId, vote.idea, vote.person, vote.company, vote.createdAt]);
  }
  return csvResponse(csvFilename(siteName, "votes", day), VOTE_COLUMNS.map((column) => t(`insights.csv.votes.${column}`)), rows());
}

const COMMENT_COLUMNS = ["ideaId", "idea", "commentId", "author", "kind", "writtenAt"];

/** Internal notes are in it, marked as such: the export is staff's. */
export function commentsCsv({ range, filters, t, siteName, day }: CsvExport) {
  const kind = remembered(t);
  async function* rows() {
    for await (const batch of exportComments(range, filters)) {
      yield batch.map((comment) => [comment.ideaId, comment.idea, comment.id, comment.author, kind(`insights.csv.${comment.kind}`), comment.createdAt]);
    }
  }
  return csvResponse(csvFilename(siteName, "comments", day), COMMENT_COLUMNS.map((column) => t(`insights.csv.comments.${column}`)), rows());
}
