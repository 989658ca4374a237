import { getThread, postComment, postOfficialResponse } from "~/domain/comments.server";
import { getIdea } from "~/domain/ideas.server";
import { commentBodyFrom } from "~/domain/mentions.server";
import { operations } from "~/web/api/contract";
import { apiError, apiRoute, handle, refusalError } from "~/web/api/handler.server";
import { apiComments, apiNewComment } from "~/web/api/presenters.server";

const route = apiRoute({
  get: handle(operations.listComments, async ({ params, caller }) => {
    const idea = await getIdea(params.id, caller.user.id);
    if (!idea) throw refusalError("notFound", "idea");
    return { data: apiComments(await getThread(idea.id, caller.user), idea.officialCommentId) };
  }),
  post: handle(operations.createComment, async ({ params, body, caller }) => {
    if (body.official && (body.kind !== "public" || body.parentId !== null)) {
      throw apiError(400, "invalid_request", "An official response is a public comment on the idea itself, not a reply or a note.", { official: ["Only for a public comment without parentId."] });
    }
    const text = await commentBodyFrom(body.body);
    if (!text.ok) throw refusalError(text.reason);
    const input = { ideaId: params.id, author: caller.user, body: text.value };
    const posted = body.official ? await postOfficialResponse(input) : await postComment({ ...input, parentId: body.parentId, kind: body.kind });
    if (!posted.ok) throw refusalError(posted.reason, "idea");
    return apiNewComment(posted.value, caller.user, body.official);
  }),
});

// Named one by one: Remix strips `loader` and `action` from the browser's bundle only when each is
// its own declaration (not a destructuring), and with them the server code they use.
export const loader = route.loader;
export const action = route.action;
