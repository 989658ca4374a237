import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { IdeaStatus } from "#db/schema";
import { challengePath, STATUS_STYLES } from "~/domain/statuses";
import { clsx } from "~/lib/clsx";

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
