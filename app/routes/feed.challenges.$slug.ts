import type { LoaderFunctionArgs } from "@remix-run/node";
import { getChallenge } from "~/domain/challenges.server";
import { latestIdeas } from "~/domain/feeds.server";
import { getSite } from "~/domain/site.server";
import { translatorFor } from "~/lib/i18n";
import { challengePath } from "~/lib/paths";
import { ideasFeed } from "~/web/feeds.server";
import { notFound } from "~/web/responses.server";

/** GET /feed/challenges/:slug — the newest ideas of a published challenge, as Atom. */
export async function loader({ params }: LoaderFunctionArgs) {
  const challenge = await getChallenge(params.slug ?? "");
  if (!challenge) throw notFound();
  const [site, ideas] = await Promise.all([getSite(), latestIdeas({ challengeId: challenge.id })]);
  const t = translatorFor(site?.defaultLocale ?? "en");
  return ideasFeed({
    title: t("feeds.challenge", { challenge: challenge.title, site: site?.name ?? "Tertulia" }),
    selfPath: `/feed/challenges/${challenge.slug}`,
    alternatePath: challengePath(challenge),
    ideas,
  });
}
