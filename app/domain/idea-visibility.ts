import type { Role } from "#db/schema";
import { isStaff } from "~/domain/roles";

// Who sees and who acts on an idea that moderation hid: the rules' one home. Pages, data and
// emails ask here; domain writes refuse through idea-visibility.server.ts. Who looks after an
// idea (its assignee) is public, shown to everyone who may see the idea: accountability in
// public (issue 16).

type Person = { id: string; role: Role } | null | undefined;

/**
 * A hidden idea is seen by its author and by staff. Everyone else is told nothing but its
 * number: no title, no slug, no text, no author, in pages, data, lists or emails.
 */
export function canSeeIdea(viewer: Person, idea: { authorId: string; hidden: boolean }) {
  return !idea.hidden || isStaff(viewer) || viewer?.id === idea.authorId;
}

/**
 * Voting, commenting, following, reporting, editing or deleting: on a hidden idea, nobody
 * but staff (its author still sees it, marked, but may no longer act on it).
 */
export function canActOnIdea(actor: { role: Role } | null | undefined, idea: { hidden: boolean }) {
  return !idea.hidden || isStaff(actor);
}
