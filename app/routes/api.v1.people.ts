import { createCustomer, findPersonByEmail } from "~/domain/people.server";
import { operations } from "~/web/api/contract";
import { apiRoute, handle, refusalError } from "~/web/api/handler.server";
import { apiPerson } from "~/web/api/presenters.server";

const route = apiRoute({
  get: handle(operations.findPerson, async ({ query }) => {
    const person = await findPersonByEmail(query.email);
    if (!person) throw refusalError("personNotFound");
    return apiPerson(person);
  }),
  post: handle(operations.createPerson, async ({ body }) => {
    const created = await createCustomer(body);
    if (!created.ok) throw refusalError(created.reason);
    return apiPerson(created.value);
  }),
});

// Named one by one: Remix strips `loader` and `action` from the browser's bundle only when each is
// its own declaration (not a destructuring), and with them the server code they use.
export const loader = route.loader;
export const action = route.action;
