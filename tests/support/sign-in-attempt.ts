// A child process of tests/integration/login.test.ts, standing for a server started afresh: it
// opens the database file named by DATABASE_PATH through the app's own modules, makes one
// sign-in through the /login action and prints the answer's status.
import { action } from "~/routes/login";

const form = new FormData();
form.set("email", process.env.ATTEMPT_EMAIL ?? "");
form.set("password", process.env.ATTEMPT_PASSWORD ?? "");
const request = new Request("http://tertulia.test/login", { method: "POST", body: form });
let answered = 200;
try {
  const answer = (await action({ request, params: {}, context: { clientAddress: process.env.ATTEMPT_ADDRESS } })) as unknown;
  answered = (answer as { init?: { status?: number } }).init?.status ?? 200;
} catch (thrown) {
  answered = thrown instanceof Response ? thrown.status : 500;
}
process.stdout.write(`${JSON.stringify({ status: answered })}\n`);
process.exit(0);
