import type { MetaFunction } from "@remix-run/node";
import { useTranslation } from "~/lib/use-translation";
import { EmptyState } from "~/components/empty-state";
import { pageTitle } from "~/lib/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "accountDeleted.title");

/** Where a person lands after deleting their account. */
export default function AccountDeletedPage() {
  const { t } = useTranslation();
  return (
    <div className="mx-auto max-w-xl">
      <h1 className="sr-only">{t("accountDeleted.title")}</h1>
      <EmptyState title={t("accountDeleted.title")} body={t("accountDeleted.body")} action={{ to: "/", label: t("accountDeleted.toIdeas") }} />
    </div>
  );
}
