import type { IdeaStatus } from "#db/schema";

/** How the ideas list can be sorted; "trending" is the default (docs/trending.md). */
export const IDEA_SORTS = ["trending", "top", "new", "active"] as const;
export type IdeaSort = (typeof IDEA_SORTS)[number];

/** What the ideas list is asked for: a sort, optional filters and search, and the page cursor. */
export type IdeaListQuery = {
  sort: IdeaSort;
  status?: IdeaStatus;
  category?: number;
  q?: string;
  after?: string;
};
