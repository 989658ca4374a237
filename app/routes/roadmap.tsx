import type { MetaFunction } from "@remix-run/node";
import { useTranslation } from "react-i18next";
import { EmptyState } from "~/components/empty-state";
import { pageTitle } from "~/lib/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "roadmap.title");

export default function RoadmapPage() {
  const { t } = useTranslation();
  return (
    <>
      <h1 className="text-3xl font-bold">{t("roadmap.title")}</h1>
      <p className="mt-2 text-muted">{t("roadmap.intro")}</p>
      <div className="mt-8">
        <EmptyState title={t("roadmap.empty.title")} body={t("roadmap.empty.body")} action={{ to: "/", label: t("roadmap.empty.action") }} />
      </div>
    </>
  );
}
