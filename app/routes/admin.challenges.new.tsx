import { getZodConstraint } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/use-translation";
import { ChallengeForm } from "~/components/challenge-form";
import { createChallenge } from "~/domain/challenges.server";
import { BODY_LIMITS } from "~/lib/body-limits.mjs";
import { now as clockNow } from "~/lib/clock.server";
import { pageTitle } from "~/lib/meta";
import { timeZoneFromRequest, toLocalDateTime } from "~/lib/time-zone";
import { challengeSchema } from "~/web/challenge-form";
import { parseChallengeForm } from "~/web/challenge-form.server";
import { requireUser } from "~/web/guards.server";
import { readFormWithFiles, storeImageFile } from "~/web/multipart.server";

const HOUR = 3600_000;
const DAY = 24 * HOUR;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: "staff" });
  const timeZone = timeZoneFromRequest(request);
  // A sensible start: ideas from the next full hour for two weeks, then a week of voting.
  const start = Math.ceil(clockNow().getTime() / HOUR) * HOUR;
  const local = (offset: number) => toLocalDateTime(start + offset, timeZone);
  return {
    timeZone,
    constraint: getZodConstraint(challengeSchema),
    defaultValue: {
      title: "",
      slug: "",
      brief: "",
      submissionOpensAt: local(0),
      submissionClosesAt: local(14 * DAY),
      votingOpensAt: local(14 * DAY),
      votingClosesAt: local(21 * DAY),
      voteBudget: "",
    },
  };
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "admin.challenges.newTitle");

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: "staff" });
  const { formData, files } = await readFormWithFiles({ request, context }, { files: ["cover"], maxFileBytes: BODY_LIMITS.image });
  const parsed = parseChallengeForm(formData, timeZoneFromRequest(request));
  if (!parsed.value) return data(parsed.reply, { status: 400 });
  const cover = await storeImageFile(files.cover, { kind: "cover", uploaderId: user.id });
  if (!cover.ok) return data(parsed.submission.reply({ fieldErrors: { cover: [cover.reason] } }), { status: 400 });
  const created = await createChallenge({ ...parsed.value, coverId: cover.value, staffId: user.id });
  if (!created.ok) return data(parsed.submission.reply({ fieldErrors: { slug: ["errors.challenge.slugTaken"] } }), { status: 400 });
  throw redirect(`/admin/challenges/${created.value.id}?created=1`);
}

export default function NewChallengePage() {
  const { t } = useTranslation();
  const { timeZone, constraint, defaultValue } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <>
      <h1 className="text-3xl font-bold">{t("admin.challenges.newTitle")}</h1>
      <p className="mt-2 text-muted">{t("admin.challenges.newIntro")}</p>
      <div className="mt-6">
        <ChallengeForm lastResult={lastResult} constraint={constraint} defaultValue={defaultValue} timeZone={timeZone} submitLabel={t("admin.challenges.form.create")} cancelTo="/admin/challenges" />
      </div>
    </>
  );
}
