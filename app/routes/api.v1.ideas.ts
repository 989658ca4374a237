import { getActiveCategory } from "~/domain/categories.server";
import { createIdea, getIdea, listIdeas } from "~/domain/ideas.server";
import { findPersonByEmail } from "~/domain/people.server";
import { richBodyFrom } from "~/lib/rich-body.server";
import { operations } from "~/web/api/contract";
import { apiError, apiRoute, handle, refusalError } from "~/web/api/handler.server";
import { apiIdea, apiIdeaSummary } from "~/web/api/presenters.server";

const route = apiRoute({
  get: handle(operations.listIdeas, async ({ query, caller }) => {
    const page = await listIdeas(query, caller.user.id, query.limit);
    return { data: page.ideas.map(apiIdeaSummary), nextCursor: page.nextCursor };
  }),
  post: handle(operations.createIdea, async ({ body, caller }) => {
    const author = await findPersonByEmail(body.authorEmail);
    if (!author) throw apiError(404, "not_found", "Nobody has this email.", { authorEmail: ["Nobody has this email."] });
    const text = richBodyFrom(body.body);
    if (!text.ok) throw refusalError(text.reason);
    if (body.categoryId !== null && !(await getActiveCategory(body.categoryId))) throw refusalError("categoryUnavailable");
    const posted = await createIdea({ authorId: author.id, title: body.title, body: text.value, categoryId: body.categoryId, challengeId: body.challengeId });
    if (!posted.ok) throw refusalError(posted.reason, "challenge");
    return apiIdea((await getIdea(posted.value.id, caller.user.id))!);
  }),
});

// Named one by one: Remix strips `loader` and `action` from the browser's bundle only when each is
// its own declaration (not a destructuring), and with them the server code they use.
export const loader = route.loader;
export const action = route.action;
