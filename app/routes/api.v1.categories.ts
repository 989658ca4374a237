import { listCategories } from "~/domain/categories.server";
import { operations } from "~/web/api/contract";
import { apiRoute, handle } from "~/web/api/handler.server";
import { apiCategory } from "~/web/api/presenters.server";

const route = apiRoute({
  get: handle(operations.listCategories, async ({ query }) => {
    const categories = await listCategories({ includeArchived: query.archived === "true" });
    return { data: categories.map(apiCategory) };
  }),
});

// Named one by one: Remix strips `loader` and `action` from the browser's bundle only when each is
// its own declaration (not a destructuring), and with them the server code they use.
export const loader = route.loader;
export const action = route.action;
