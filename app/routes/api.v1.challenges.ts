import { listAllChallenges } from "~/domain/challenges.server";
import { now } from "~/lib/clock.server";
import { operations } from "~/web/api/contract";
import { apiRoute, handle } from "~/web/api/handler.server";
import { apiChallenge } from "~/web/api/presenters.server";

const route = apiRoute({
  get: handle(operations.listChallenges, async () => {
    const at = now();
    return { data: (await listAllChallenges()).map((challenge) => apiChallenge(challenge, at)) };
  }),
});

// Named one by one: Remix strips `loader` and `action` from the browser's bundle only when each is
// its own declaration (not a destructuring), and with them the server code they use.
export const loader = route.loader;
export const action = route.action;
