import type { IdeaStatus, NotificationKind } from "#db/schema";

/**
 * How each status looks. Labels and the explanation customers read are in the locale files
 * (`statuses.<status>.label` / `.description`). Colours are text-on-tint pairs that pass AA.
 */
export const STATUS_STYLES: Record<IdeaStatus, string> = {
  open: "bg-stone-100 text-stone-800 border-stone-300",
  under_review: "bg-amber-50 text-amber-900 border-amber-300",
  planned: "bg-sky-50 text-sky-900 border-sky-300",
  in_progress: "bg-violet-50 text-violet-900 border-violet-300",
  adopted: "bg-green-50 text-green-900 border-green-300",
  declined: "bg-red-50 text-red-900 border-red-300",
  duplicate: "bg-stone-100 text-stone-700 border-stone-300",
};

/** The public roadmap's columns, left to right. */
export const ROADMAP_COLUMNS = ["planned", "in_progress", "adopted"] as const;

/** Turns a title into the readable part of an idea's URL: "Pago más rápido" → "pago-mas-rapido". */
export function slugify(title: string) {
  return title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/g, "");
}

export function ideaPath(idea: { id: number; title: string }) {
  const slug = slugify(idea.title);
  return slug ? `/ideas/${idea.id}-${slug}` : `/ideas/${idea.id}`;
}

export function challengePath(challenge: { slug: string }) {
  return `/challenges/${challenge.slug}`;
}

/** Where on the page a notification's news is: the comment, or a challenge's results. */
export function anchorFor(kind: NotificationKind, commentId: number | null) {
  if (commentId) return `#comment-${commentId}`;
  return kind === "challenge_results" ? "#results" : "";
}
