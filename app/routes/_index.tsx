import type { MetaFunction } from "@remix-run/node";
import { useTranslation } from "react-i18next";
import { EmptyState } from "~/components/empty-state";
import { pageTitle } from "~/lib/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "ideas.title");

export default function IdeasPage() {
  const { t } = useTranslation();
  return (
    <>
      <h1 className="text-3xl font-bold">{t("ideas.title")}</h1>
      <p className="mt-2 text-muted">{t("ideas.intro")}</p>
      <div className="mt-8">
        <EmptyState title={t("ideas.empty.title")} body={t("ideas.empty.body")} />
      </div>
    </>
  );
}
