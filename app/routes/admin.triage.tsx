import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSubmit } from "@remix-run/react";
import { useTranslation } from "~/lib/use-translation";
import { z } from "zod";
import { EmptyState } from "~/components/empty-state";
import { categoryOptions, SelectField } from "~/components/forms";
import { StatusBadge } from "~/components/idea-badges";
import { ScrollTable, STICKY_CELL } from "~/components/scroll-table";
import { listWaiting } from "~/domain/boards.server";
import { listCategories } from "~/domain/categories.server";
import { BULK_STATUSES, needsNote, SETTABLE_STATUSES } from "~/domain/idea-lifecycle";
import { listStaff } from "~/domain/people.server";
import { getSite } from "~/domain/site.server";
import { triageIdeas } from "~/domain/workflow.server";
import { now as clockNow } from "~/lib/clock.server";
import { clsx } from "~/lib/clsx";
import { useFormatters } from "~/lib/format";
import { pageTitle } from "~/lib/meta";
import { ideaPath } from "~/lib/paths";
import { requireUser } from "~/web/guards.server";
import { idField, numberParam } from "~/web/params";
import { notFound } from "~/web/responses.server";
import { readForm } from "~/web/form-body.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: "staff" });
  const assignee = new URL(request.url).searchParams.get("assignee") ?? "";
  const categoryId = numberParam(request, "category");
  const [ideas, site, staff, categories] = await Promise.all([
    listWaiting({ categoryId, assigneeId: assignee === "me" ? user.id : assignee || undefined }),
    getSite(),
    listStaff(),
    listCategories(),
  ]);
  return {
    me: user.id,
    filters: { assignee, category: categoryId ?? null },
    ideas,
    promiseDays: site!.replyPromiseDays,
    now: clockNow().getTime(),
    staff: staff.map(({ id, displayName }) => ({ id, displayName })),
    categories: categories.map(({ id, name }) => ({ id, name })),
  };
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "triage.title");

const bulkSchema = z.object({
  ids: z.array(idField).min(1, "errors.triage.noneSelected"),
  assigneeId: z.string().optional(),
  categoryId: z.string().optional(),
  status: z.union([z.literal(""), z.enum(SETTABLE_STATUSES)]).optional(),
});

/** Bulk (or single-row) changes: assignee, category, status — all in one transaction. */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: "staff" });
  const formData = await readForm({ request, context });
  const parsed = bulkSchema.safeParse({
    ids: formData.getAll("ids"),
    assigneeId: formData.get("assigneeId") ?? undefined,
    categoryId: formData.get("categoryId") ?? undefined,
    status: formData.get("status") ?? undefined,
  });
  if (!parsed.success) return data({ error: "errors.triage.noneSelected" }, { status: 400 });
  const { ids, assigneeId, categoryId, status } = parsed.data;
  if (status && needsNote(status)) return data({ error: "errors.triage.noteNeeded" }, { status: 400 });
  const applied = await triageIdeas({
    ideaIds: ids,
    actorId: user.id,
    assigneeId: assigneeId ? (assigneeId === "none" ? null : assigneeId) : undefined,
    categoryId: categoryId ? (categoryId === "none" ? null : Number(categoryId)) : undefined,
    status: status || undefined,
  });
  if (!applied.ok) {
    if (applied.reason === "notFound") throw notFound();
    const message = applied.reason === "categoryUnavailable" ? "errors.idea.categoryUnavailable" : `errors.workflow.${applied.reason}`;
    return data({ error: message }, { status: 400 });
  }
  return { done: ids.length };
}

function staffOptions(staff: Array<{ id: string; displayName: string }>) {
  return staff.map((person) => ({ value: person.id, label: person.displayName }));
}

export default function TriagePage() {
  const { t } = useTranslation();
  const { formatDuration } = useFormatters();
  const { filters, ideas, promiseDays, now, staff, categories } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const submit = useSubmit();
  const DAY = 24 * 60 * 60 * 1000;
  return (
    <>
      <h1 className="text-3xl font-bold">{t("triage.title")}</h1>
      <p className="mt-2 text-muted">{t("triage.intro", { count: promiseDays })}</p>

      <Form method="get" className="mt-4 flex flex-wrap items-end gap-3" onChange={(event) => submit(event.currentTarget)}>
        <SelectField
          id="filter-assignee"
          name="assignee"
          label={t("workflow.assignee")}
          defaultValue={filters.assignee}
          options={[
            { value: "", label: t("triage.anyone") },
            { value: "me", label: t("triage.assignedToMe") },
            { value: "none", label: t("triage.unassigned") },
            ...staffOptions(staff),
          ]}
        />
        <SelectField
          id="filter-category"
          name="category"
          label={t("ideas.filters.category")}
          defaultValue={filters.category ?? ""}
          options={[{ value: "", label: t("ideas.filters.anyCategory") }, ...categoryOptions(categories)]}
        />
        <button type="submit" className="btn-secondary">
          {t("ideas.filters.apply")}
        </button>
      </Form>

      {actionData && "error" in actionData ? (
        <p role="alert" className="mt-4 rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900">
          {t(actionData.error)}
        </p>
      ) : null}
      {actionData && "done" in actionData ? (
        <p role="status" className="mt-4 rounded-md border border-green-300 bg-green-50 p-3 text-sm text-green-900">
          {t("triage.done", { count: actionData.done })}
        </p>
      ) : null}

      {ideas.length === 0 ? (
        <div className="mt-6">
          <EmptyState title={t("triage.empty.title")} body={t("triage.empty.body")} />
        </div>
      ) : (
        <Form method="post" className="mt-6">
          <fieldset className="card flex flex-wrap items-end gap-3 p-4">
            <legend className="sr-only">{t("triage.bulkLegend")}</legend>
            <SelectField
              id="bulk-assignee"
              name="assigneeId"
              label={t("triage.setAssignee")}
              defaultValue=""
              options={[{ value: "", label: t("triage.noChange") }, { value: "none", label: t("workflow.nobody") }, ...staffOptions(staff)]}
            />
            <SelectField
              id="bulk-category"
              name="categoryId"
              label={t("triage.setCategory")}
              defaultValue=""
              options={[{ value: "", label: t("triage.noChange") }, { value: "none", label: t("ideaForm.noCategory") }, ...categoryOptions(categories)]}
            />
            <SelectField
              id="bulk-status"
              name="status"
              label={t("triage.setStatus")}
              defaultValue=""
              options={[
                { value: "", label: t("triage.noChange") },
                ...BULK_STATUSES.map((status) => ({ value: status, label: t(`statuses.${status}.label`) })),
              ]}
            />
            <button type="submit" className="btn-primary">
              {t("triage.applyToSelected")}
            </button>
          </fieldset>
          {/* On a phone the table scrolls sideways; the ideas (with their checkboxes) stay in view. */}
          <ScrollTable label={t("triage.tableCaption")} className="mt-4">
            <table className="w-full border-collapse text-sm">
              <caption className="sr-only">{t("triage.tableCaption")}</caption>
              <thead>
                <tr className="border-b border-stone-300 bg-stone-50 text-left">
                  <th scope="col" className={clsx("p-2", STICKY_CELL)}>
                    {t("triage.idea")}
                  </th>
                  <th scope="col" className="p-2">{t("triage.waiting")}</th>
                  <th scope="col" className="p-2">{t("workflow.assignee")}</th>
                  <th scope="col" className="p-2">{t("ideas.filters.category")}</th>
                </tr>
              </thead>
              <tbody>
                {ideas.map((idea) => {
                  const waited = now - new Date(idea.createdAt).getTime();
                  const overdue = waited > promiseDays * DAY;
                  return (
                    <tr key={idea.id} className={clsx("border-b border-stone-200", overdue ? "bg-red-50" : "bg-stone-50")}>
                      <td className={clsx("w-56 min-w-56 p-2 sm:w-auto", STICKY_CELL)}>
                        <div className="flex items-start gap-3">
                          <input type="checkbox" name="ids" value={idea.id} aria-label={t("triage.selectIdea", { title: idea.title })} className="mt-0.5 size-4 shrink-0" />
                          <div className="min-w-0">
                            <Link to={ideaPath(idea)} className="link font-medium">
                              {idea.title}
                            </Link>
                            <div className="mt-1 flex flex-wrap items-center gap-2 text-xs text-muted">
                              <StatusBadge status={idea.status} /> {idea.authorName}
                            </div>
                          </div>
                        </div>
                      </td>
                      <td className="min-w-32 p-2">
                        {overdue ? <span className="rounded bg-red-800 px-1.5 py-0.5 text-xs font-bold text-white">{t("triage.overdue")}</span> : null}{" "}
                        <span className={clsx(overdue && "font-semibold text-red-900")}>{formatDuration(waited)}</span>
                      </td>
                      <td className="p-2">{idea.assigneeName ?? <span className="text-muted">{t("workflow.nobody")}</span>}</td>
                      <td className="p-2">{idea.categoryName ?? <span className="text-muted">{t("ideaForm.noCategory")}</span>}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </ScrollTable>
        </Form>
      )}
    </>
  );
}
