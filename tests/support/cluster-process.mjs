// A stand-in for server.mjs under server-cluster.mjs (tests/unit/server-cluster.test.ts): the
// primary runs the real cluster over WEB_CONCURRENCY workers; each worker listens, says whether
// it was given the background jobs, and leaves when the primary asks it to (as server.mjs does).
import cluster from "node:cluster";
import http from "node:http";
import { runCluster } from "../../server-cluster.mjs";

if (cluster.isPrimary) {
  await runCluster(Number(process.env.WEB_CONCURRENCY));
} else {
  const server = http.createServer((_request, response) => response.end());
  server.listen(0, () => console.log(JSON.stringify({ pid: process.pid, jobs: process.env.TERTULIA_BACKGROUND_JOBS === "1" })));
  process.on("message", (message) => {
    if (message === "shutdown") server.close(() => process.exit(0));
  });
}
