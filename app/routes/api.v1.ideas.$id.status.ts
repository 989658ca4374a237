import { getIdea } from "~/domain/ideas.server";
import { changeStatus } from "~/domain/workflow.server";
import { richBodyFrom } from "~/lib/rich-body.server";
import { operations } from "~/web/api/contract";
import { apiRoute, handle, refusalError } from "~/web/api/handler.server";
import { apiIdea } from "~/web/api/presenters.server";

const route = apiRoute({
  post: handle(operations.changeStatus, async ({ params, body, caller }) => {
    const note = body.note === undefined ? null : richBodyFrom(body.note);
    if (note && !note.ok) throw refusalError(note.reason, "idea", "note");
    const changed = await changeStatus({ ideaId: params.id, staffId: caller.user.id, to: body.status, note: note ? note.value : null });
    if (!changed.ok) throw refusalError(changed.reason, "idea");
    return apiIdea((await getIdea(params.id, caller.user.id))!);
  }),
});

// Named one by one: Remix strips `loader` and `action` from the browser's bundle only when each is
// its own declaration (not a destructuring), and with them the server code they use.
export const loader = route.loader;
export const action = route.action;
