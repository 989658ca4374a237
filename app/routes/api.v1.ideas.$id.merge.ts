import { getIdea } from "~/domain/ideas.server";
import { mergeIdeas } from "~/domain/workflow.server";
import { operations } from "~/web/api/contract";
import { apiRoute, handle, refusalError } from "~/web/api/handler.server";
import { apiIdea } from "~/web/api/presenters.server";

const route = apiRoute({
  post: handle(operations.mergeIdea, async ({ params, body, caller }) => {
    const merged = await mergeIdeas({ sourceId: params.id, targetId: body.targetId, staffId: caller.user.id });
    if (!merged.ok) throw refusalError(merged.reason, "idea");
    return apiIdea((await getIdea(params.id, caller.user.id))!);
  }),
});

// Named one by one: Remix strips `loader` and `action` from the browser's bundle only when each is
// its own declaration (not a destructuring), and with them the server code they use.
export const loader = route.loader;
export const action = route.action;
