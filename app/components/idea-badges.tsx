import { Link } from "@remix-run/react";
import { useTranslation } from "~/lib/use-translation";
import type { IdeaStatus } from "#db/schema";
import { clsx } from "~/lib/clsx";
import { challengePath } from "~/lib/paths";

/**
 * How each status looks. Labels and the explanation customers read are in the locale files
 * (`statuses.<status>.label` / `.description`). Colours are text-on-tint pairs that pass AA.
 */
const STATUS_STYLES: Record<IdeaStatus, string> = {
  open: "bg-stone-100 text-stone-800 border-stone-300",
  under_review: "bg-amber-50 text-amber-900 border-amber-300",
  planned: "bg-sky-50 text-sky-900 border-sky-300",
  in_progress: "bg-violet-50 text-violet-900 border-violet-300",
  adopted: "bg-green-50 text-green-900 border-green-300",
  declined: "bg-red-50 text-red-900 border-red-300",
  duplicate: "bg-stone-100 text-stone-700 border-stone-300",
};

export function StatusBadge({ status }: { status: IdeaStatus }) {
  const { t } = useTranslation();
  return (
    <span className={clsx("inline-flex items-center rounded-full border px-2 py-0.5 text-xs font-semibold", STATUS_STYLES[status])}>
      {t(`statuses.${status}.label`)}
    </span>
  );
}

/** The colour is a swatch beside the name, so the text keeps its contrast whatever the colour. */
export function CategoryTag({ category }: { category: { name: string; colour: string } }) {
  return (
    <span className="inline-flex items-center gap-1.5 text-xs font-medium text-stone-700">
      <span aria-hidden="true" className="size-2.5 rounded-full" style={{ backgroundColor: category.colour }} />
      {category.name}
    </span>
  );
}

/** Marks an idea submitted to a challenge, linking to it. */
export function ChallengeTag({ challenge }: { challenge: { slug: string; title: string } }) {
  const { t } = useTranslation();
  return (
    <Link to={challengePath(challenge)} className="inline-flex items-center gap-1 text-xs font-medium text-violet-900 hover:underline">
      <span aria-hidden="true">◆</span>
      {t("challenges.tag", { title: challenge.title })}
    </Link>
  );
}

/** An announced winner of its challenge: its place, or "selected" without one. Said in words, the colour only adds to it. */
export function WinnerBadge({ winner }: { winner: { rank: number | null } }) {
  const { t } = useTranslation();
  return (
    <span className="inline-flex items-center gap-1 rounded-full border border-amber-400 bg-amber-50 px-2 py-0.5 text-xs font-semibold text-amber-950">
      <span aria-hidden="true">★</span>
      {winner.rank === null
        ? t("challenges.winner.selected")
        : t("challenges.winner.ranked", { place: t("challenges.results.place", { ordinal: true, count: winner.rank }) })}
    </span>
  );
}
