import { getIdea } from "~/domain/ideas.server";
import { operations } from "~/web/api/contract";
import { apiRoute, handle, refusalError } from "~/web/api/handler.server";
import { apiIdea } from "~/web/api/presenters.server";

const route = apiRoute({
  get: handle(operations.getIdea, async ({ params, caller }) => {
    const idea = await getIdea(params.id, caller.user.id);
    if (!idea) throw refusalError("notFound", "idea");
    return apiIdea(idea);
  }),
});

// Named one by one: Remix strips `loader` and `action` from the browser's bundle only when each is
// its own declaration (not a destructuring), and with them the server code they use.
export const loader = route.loader;
export const action = route.action;
