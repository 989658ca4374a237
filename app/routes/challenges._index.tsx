import type { MetaFunction } from "@remix-run/node";
import { useTranslation } from "react-i18next";
import { EmptyState } from "~/components/empty-state";
import { pageTitle } from "~/lib/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "challenges.title");

export default function ChallengesPage() {
  const { t } = useTranslation();
  return (
    <>
      <h1 className="text-3xl font-bold">{t("challenges.title")}</h1>
      <p className="mt-2 text-muted">{t("challenges.intro")}</p>
      <div className="mt-8">
        <EmptyState title={t("challenges.empty.title")} body={t("challenges.empty.body")} action={{ to: "/", label: t("challenges.empty.action") }} />
      </div>
    </>
  );
}
