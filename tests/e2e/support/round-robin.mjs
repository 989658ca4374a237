// The load balancer of the two-server browser run (playwright.pg.config.ts): listens on PORT and
// hands each request to the next of UPSTREAM_PORTS in turn, so that a journey's page loads, form
// posts and fetches alternate between the app servers, with no stickiness. Headers go through
// unchanged (the servers compare the browser's Origin with Host). `X-Served-By` on each answer
// says which server answered; GET /__balancer counts the answers per server.
import http from "node:http";

const port = Number(process.env.PORT);
const upstreams = (process.env.UPSTREAM_PORTS ?? "").split(",").map(Number);
const answered = Object.fromEntries(upstreams.map((upstream) => [upstream, 0]));
let next = 0;

const server = http.createServer((request, response) => {
  if (request.url === "/__balancer") {
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(answered));
    return;
  }
  const upstream = upstreams[next];
  next = (next + 1) % upstreams.length;
  const forwarded = http.request({ host: "127.0.0.1", port: upstream, method: request.method, path: request.url, headers: request.headers }, (answer) => {
    answered[upstream] += 1;
    response.writeHead(answer.statusCode ?? 502, { ...answer.headers, "x-served-by": String(upstream) });
    answer.pipe(response);
  });
  forwarded.on("error", (error) => {
    if (!response.headersSent) response.writeHead(502, { "content-type": "text/plain" });
    response.end(`upstream ${upstream}: ${error.message}`);
  });
  request.pipe(forwarded);
});
server.keepAliveTimeout = 5_000;
server.listen(port, "127.0.0.1");
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.close(() => process.exit(0)));
