import type { IdeaStatus } from "#db/schema";

/**
 * An idea's way through the workflow: Open → Under review → Planned → In progress → Adopted,
 * or Declined; Duplicate only through a merge. The one home of these rules, shared by the
 * server (workflow.server.ts, the forms) and the pages (the status select, the roadmap).
 * The statuses themselves are the database's vocabulary (IDEA_STATUSES in db/schema.ts).
 */

/** What staff may set directly: every status but "duplicate", which only `mergeIdeas` gives. */
export const SETTABLE_STATUSES = ["open", "under_review", "planned", "in_progress", "adopted", "declined"] as const satisfies readonly IdeaStatus[];
export type SettableStatus = (typeof SETTABLE_STATUSES)[number];

// Every status is either settable or the merge's own: adding one to the schema fails to compile here until it is placed.
const everyStatusPlaced: Exclude<IdeaStatus, SettableStatus | "duplicate"> extends never ? true : never = true;
void everyStatusPlaced;

export function isSettableStatus(value: unknown): value is SettableStatus {
  return (SETTABLE_STATUSES as readonly unknown[]).includes(value);
}

/** A decision customers will want explained comes with a signed note. */
const NOTE_REQUIRED: readonly IdeaStatus[] = ["declined", "adopted"];

export function needsNote(status: IdeaStatus) {
  return NOTE_REQUIRED.includes(status);
}

/** What the triage inbox sets for many ideas at once: the settable statuses that need no note. */
export const BULK_STATUSES = SETTABLE_STATUSES.filter((status) => !needsNote(status));

/** The public roadmap's columns, left to right. */
export const ROADMAP_COLUMNS = ["planned", "in_progress", "adopted"] as const satisfies readonly IdeaStatus[];

/**
 * Which explanation customers read under an idea's status. It must agree with the reply line
 * beside it: an Open idea the team has answered is no longer "waiting for the team".
 */
export function statusExplanationKey(status: IdeaStatus, answered: boolean) {
  return status === "open" && answered ? "statuses.open.descriptionAnswered" : (`statuses.${status}.description` as const);
}
