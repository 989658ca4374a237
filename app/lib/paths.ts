import type { NotificationKind } from "#db/schema";

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

/** An idea's canonical address: its id and the slug of its title, "/ideas/42-faster-checkout". */
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
