import { getIdea } from "~/domain/ideas.server";
import { listVoters, recordVoteFor, removeVoteFor } from "~/domain/votes.server";
import { operations } from "~/web/api/contract";
import { apiRoute, handle, refusalError } from "~/web/api/handler.server";
import { apiPerson } from "~/web/api/presenters.server";

const route = apiRoute({
  get: handle(operations.listVoters, async ({ params, query, caller }) => {
    const idea = await getIdea(params.id, caller.user.id);
    if (!idea) throw refusalError("notFound", "idea");
    const page = await listVoters(idea.id, query);
    return { data: page.voters, nextCursor: page.nextCursor };
  }),
  post: handle(operations.recordVote, async ({ params, body, caller }) => {
    const recorded = await recordVoteFor({ ideaId: params.id, staffId: caller.user.id, ...body });
    if (!recorded.ok) throw refusalError(recorded.reason, "idea");
    const { person, ...rest } = recorded.value;
    return { person: apiPerson(person), ...rest };
  }),
  delete: handle(operations.removeVote, async ({ params, query, caller }) => {
    const removed = await removeVoteFor({ ideaId: params.id, staffId: caller.user.id, email: query.email });
    if (!removed.ok) throw refusalError(removed.reason, "idea");
    return removed.value;
  }),
});

// Named one by one: Remix strips `loader` and `action` from the browser's bundle only when each is
// its own declaration (not a destructuring), and with them the server code they use.
export const loader = route.loader;
export const action = route.action;
