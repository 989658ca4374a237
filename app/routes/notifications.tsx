import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/use-translation";
import { z } from "zod";
import { Avatar } from "~/components/avatar";
import { EmptyState } from "~/components/empty-state";
import { listNotifications, markAllRead, markRead } from "~/domain/notifications.server";
import { clsx } from "~/lib/clsx";
import { useFormatters } from "~/lib/format";
import { pageTitle } from "~/lib/meta";
import { anchorFor, challengePath, ideaPath } from "~/lib/paths";
import { requireUser } from "~/web/guards.server";
import { idField, numberParam } from "~/web/params";
import { badRequest } from "~/web/responses.server";
import { readForm } from "~/web/form-body.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return listNotifications(user.id, numberParam(request, "before"));
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "notifications.title");

const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("read"), id: idField }),
  z.object({ intent: z.literal("read-all") }),
]);

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = actionSchema.safeParse(Object.fromEntries(await readForm({ request, context })));
  if (!parsed.success) throw badRequest();
  if (parsed.data.intent === "read") await markRead(user.id, parsed.data.id);
  else await markAllRead(user.id);
  return { ok: true };
}

export default function NotificationsPage() {
  const { t } = useTranslation();
  const { formatRelative, formatDateTime } = useFormatters();
  const { notifications, nextBefore } = useLoaderData<typeof loader>();
  const unread = notifications.some((notification) => !notification.readAt);
  return (
    <div className="mx-auto max-w-3xl">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-3xl font-bold">{t("notifications.title")}</h1>
        <div className="flex gap-3">
          <Link to="/settings/notifications" className="btn-secondary">
            {t("notifications.settings")}
          </Link>
          {unread ? (
            <Form method="post">
              <button type="submit" name="intent" value="read-all" className="btn-secondary">
                {t("notifications.markAllRead")}
              </button>
            </Form>
          ) : null}
        </div>
      </div>
      {notifications.length === 0 ? (
        <div className="mt-8">
          <EmptyState title={t("notifications.empty.title")} body={t("notifications.empty.body")} action={{ to: "/", label: t("notifications.empty.action") }} />
        </div>
      ) : (
        <ul className="mt-6 space-y-2">
          {notifications.map((notification) => {
            const page =
              notification.ideaId !== null
                ? ideaPath({ id: notification.ideaId, title: notification.ideaTitle ?? "" })
                : challengePath({ slug: notification.challengeSlug ?? "" });
            const href = page + anchorFor(notification.kind, notification.commentId);
            const actorTitle = notification.actorTitle && notification.actorRole !== "customer" ? notification.actorTitle : null;
            return (
              <li
                key={notification.id}
                className={clsx("flex items-start gap-3 rounded-lg border p-4", notification.readAt ? "border-stone-200 bg-white" : "border-brand-700 bg-brand-50")}
              >
                <Avatar person={{ id: notification.actorId, displayName: notification.actorName, photoId: notification.actorPhotoId }} size="sm" />
                <div className="min-w-0 flex-1 text-sm">
                  <p>
                    {!notification.readAt ? <span className="sr-only">{t("notifications.unread")}: </span> : null}
                    <Link to={href} className="hover:underline">
                      {t(`notifications.kinds.${notification.kind}`, {
                        actor: actorTitle ? `${notification.actorName} (${actorTitle})` : notification.actorName,
                        idea: notification.ideaTitle ?? t("moderation.hiddenIdeaLink", { id: notification.ideaId }),
                        challenge: notification.challengeTitle,
                        status: notification.status ? t(`statuses.${notification.status}.label`) : "",
                      })}
                    </Link>
                  </p>
                  <p className="mt-1 text-xs text-muted">
                    <time dateTime={new Date(notification.createdAt).toISOString()} title={formatDateTime(notification.createdAt)} suppressHydrationWarning>
                      {formatRelative(notification.createdAt)}
                    </time>
                  </p>
                </div>
                {!notification.readAt ? (
                  <Form method="post">
                    <input type="hidden" name="id" value={notification.id} />
                    <button type="submit" name="intent" value="read" className="text-sm font-medium text-brand-700 hover:underline">
                      {t("notifications.markRead")}
                    </button>
                  </Form>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      {nextBefore ? (
        <Link to={`?before=${nextBefore}`} className="btn-secondary mt-6">
          {t("notifications.older")}
        </Link>
      ) : null}
    </div>
  );
}
