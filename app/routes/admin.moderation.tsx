import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/use-translation";
import { z } from "zod";
import { EmptyState } from "~/components/empty-state";
import { dismissReport, hideReported, listBlocked, listOpenReports, setBlocked } from "~/domain/moderation.server";
import { hasRole, isStaff } from "~/domain/roles";
import { useFormatters } from "~/lib/format";
import { pageTitle } from "~/lib/meta";
import { ideaPath } from "~/lib/paths";
import { requireUser } from "~/web/guards.server";
import { idField } from "~/web/params";
import { forbidden } from "~/web/responses.server";
import { readForm } from "~/web/form-body.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: "staff" });
  const isAdmin = hasRole(user, "admin");
  const [reports, blocked] = await Promise.all([listOpenReports(), isAdmin ? listBlocked() : []]);
  return { isAdmin, reports, blocked };
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "moderation.title");

const reasonField = z.string().trim().min(3, "errors.field.tooShort:3").max(300, "errors.field.tooLong:300");
const schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("hide"), reportId: idField, reason: reasonField }),
  z.object({ intent: z.literal("dismiss"), reportId: idField }),
  z.object({ intent: z.literal("block"), personId: z.string().min(1), reason: reasonField }),
  z.object({ intent: z.literal("unblock"), personId: z.string().min(1) }),
]);

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: "staff" });
  const parsed = schema.safeParse(Object.fromEntries(await readForm({ request, context })));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return data({ error: issue?.path[0] === "reason" ? issue.message : "errors.moderation.invalid" }, { status: 400 });
  }
  const input = parsed.data;
  // Blocking people is for admins only, whatever the page shows.
  if ((input.intent === "block" || input.intent === "unblock") && !hasRole(user, "admin")) throw forbidden();
  const done =
    input.intent === "hide"
      ? await hideReported({ reportId: input.reportId, staffId: user.id, reason: input.reason })
      : input.intent === "dismiss"
        ? await dismissReport({ reportId: input.reportId, staffId: user.id })
        : await setBlocked({ personId: input.personId, adminId: user.id, reason: input.intent === "block" ? input.reason : null });
  if (!done.ok) return data({ error: `errors.moderation.${done.reason}` }, { status: 400 });
  return { done: input.intent };
}

export default function ModerationPage() {
  const { t } = useTranslation();
  const { formatDateTime } = useFormatters();
  const { isAdmin, reports, blocked } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <h1 className="text-3xl font-bold">{t("moderation.title")}</h1>
      <p className="mt-2 text-muted">{t("moderation.intro")}</p>
      {actionData && "error" in actionData ? (
        <p role="alert" className="mt-4 rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900">
          {t(actionData.error.split(":")[0]!, { count: Number(actionData.error.split(":")[1]) || undefined })}
        </p>
      ) : null}
      {actionData && "done" in actionData ? (
        <p role="status" className="mt-4 rounded-md border border-green-300 bg-green-50 p-3 text-sm text-green-900">
          {t(`moderation.done.${actionData.done}`)}
        </p>
      ) : null}
      {reports.length === 0 ? (
        <div className="mt-6">
          <EmptyState title={t("moderation.empty.title")} body={t("moderation.empty.body")} />
        </div>
      ) : (
        <ul className="mt-6 space-y-4">
          {reports.map((report) => {
            const authorId = report.commentId ? report.commentAuthorId : report.ideaAuthorId;
            const authorName = report.commentId ? report.commentAuthorName : report.ideaAuthorName;
            // Staff are not blocked (their role goes first): they are not offered the block.
            const authorIsStaff = isStaff({ role: (report.commentId ? report.commentAuthorRole : report.ideaAuthorRole) ?? "customer" });
            const href = ideaPath({ id: report.ideaId, title: report.ideaTitle }) + (report.commentId ? `#comment-${report.commentId}` : "");
            return (
              <li key={report.id} className="card space-y-3">
                <p className="text-sm text-muted">
                  {t("moderation.reportedBy", { name: report.reporterName, date: formatDateTime(report.createdAt) })}
                </p>
                <p>
                  <span className="font-semibold">{t("moderation.reasonLabel")}</span> {report.reason}
                </p>
                <blockquote className="border-l-4 border-stone-300 pl-3 text-sm">
                  <Link to={href} className="link font-medium">
                    {report.commentId ? t("moderation.commentOn", { title: report.ideaTitle }) : report.ideaTitle}
                  </Link>
                  <p className="mt-1 line-clamp-3">{(report.commentId ? report.commentText : report.ideaText)?.slice(0, 400)}</p>
                  <p className="mt-1 text-muted">{t("moderation.author", { name: authorName })}</p>
                </blockquote>
                <div className="flex flex-wrap items-end gap-3">
                  <Form method="post" className="flex flex-wrap items-end gap-2">
                    <input type="hidden" name="intent" value="hide" />
                    <input type="hidden" name="reportId" value={report.id} />
                    <div>
                      <label htmlFor={`hide-reason-${report.id}`} className="block text-sm font-semibold">
                        {t("moderation.hideReason")}
                      </label>
                      <input id={`hide-reason-${report.id}`} name="reason" required minLength={3} className="input mt-1" />
                    </div>
                    <button type="submit" className="btn-danger">
                      {t("moderation.hide")}
                    </button>
                  </Form>
                  <Form method="post">
                    <input type="hidden" name="intent" value="dismiss" />
                    <input type="hidden" name="reportId" value={report.id} />
                    <button type="submit" className="btn-secondary">
                      {t("moderation.dismiss")}
                    </button>
                  </Form>
                  {isAdmin && authorId && !authorIsStaff ? (
                    <Form method="post" className="flex flex-wrap items-end gap-2">
                      <input type="hidden" name="intent" value="block" />
                      <input type="hidden" name="personId" value={authorId} />
                      <div>
                        <label htmlFor={`block-reason-${report.id}`} className="block text-sm font-semibold">
                          {t("moderation.blockReason", { name: authorName })}
                        </label>
                        <input id={`block-reason-${report.id}`} name="reason" required minLength={3} className="input mt-1" />
                      </div>
                      <button type="submit" className="btn-danger">
                        {t("moderation.block")}
                      </button>
                    </Form>
                  ) : null}
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {isAdmin ? (
        <section aria-labelledby="blocked-title" className="mt-10">
          <h2 id="blocked-title" className="text-xl font-bold">
            {t("moderation.blockedTitle")}
          </h2>
          {blocked.length === 0 ? (
            <p className="mt-2 text-muted">{t("moderation.noneBlocked")}</p>
          ) : (
            <ul className="mt-3 space-y-2">
              {blocked.map((person) => (
                <li key={person.id} className="card flex flex-wrap items-center justify-between gap-3 p-3">
                  <span>
                    <Link to={`/people/${person.id}`} className="link font-medium">
                      {person.displayName}
                    </Link>{" "}
                    — {person.reason}
                  </span>
                  <Form method="post">
                    <input type="hidden" name="intent" value="unblock" />
                    <input type="hidden" name="personId" value={person.id} />
                    <button type="submit" className="btn-secondary">
                      {t("moderation.unblock")}
                      <span className="sr-only"> {person.displayName}</span>
                    </button>
                  </Form>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
    </>
  );
}
