// Preloaded into the server under test (`node --import ./bench/server-probe.mjs server.mjs`),
// so that the app's code stays as it is. It measures from inside the process what no outside
// tool can: the event loop's delay (perf_hooks.monitorEventLoopDelay), and also the process's
// own CPU time and its peak resident memory.
//
// On SIGUSR2 it waits until every request it has begun is answered (or abandoned by its
// client), then writes what it measured since the previous SIGUSR2 to BENCH_PROBE_FILE (as JSON,
// with a sequence number) and starts measuring afresh: the CPU time then belongs to exactly the
// requests counted, even those the load generator gave up waiting for. On SIGTERM it exits normally, so that a
// `--cpu-prof` profile gets written.
//
// With one server process per core (server-cluster.mjs) it is preloaded into the primary and,
// through the primary's execArgv, into every worker. The primary then asks each worker over
// the cluster's channel and writes the sum: requests and CPU time added up (its own CPU too),
// the peak memory and the event-loop delays of the worst process, and each process's figures.
import cluster from "node:cluster";
import diagnostics from "node:diagnostics_channel";
import fs from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";

const file = process.env.BENCH_PROBE_FILE ?? "";
// The histogram records the time between two ticks of a timer of this period (ns): the
// delay is what exceeds the period.
const RESOLUTION_MS = 10;

if (file) {
  const delay = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  delay.enable();
  let cpuSince = process.cpuUsage();
  let peakRss = process.memoryUsage.rss();
  setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, 50).unref();

  let begun = 0;
  let open = 0;
  diagnostics.subscribe("http.server.request.start", (message) => {
    begun += 1;
    open += 1;
    /** @type {{ response: import("node:http").ServerResponse }} */ (message).response.once("close", () => (open -= 1));
  });

  const toDelayMs = (/** @type {number} */ nanoseconds) => Math.max(0, nanoseconds / 1e6 - RESOLUTION_MS);
  const whenAllAnswered = (/** @type {() => void} */ then) => (open === 0 ? then() : setTimeout(() => whenAllAnswered(then), 5));

  /** What this process measured since it was last asked, and a fresh start. */
  function measure() {
    const cpu = process.cpuUsage(cpuSince);
    const figures = {
      pid: process.pid,
      requests: begun,
      cpuMs: (cpu.user + cpu.system) / 1000,
      peakRssBytes: Math.max(peakRss, process.memoryUsage.rss()),
      // What the JavaScript heap holds, and what V8 has reserved for it: a heap that keeps growing in
      // use is a leak; one reserved far beyond its use is V8's sizing (bounded by --max-old-space-size).
      heap: (({ heapUsed, heapTotal, external, arrayBuffers }) => ({ heapUsed, heapTotal, external, arrayBuffers }))(process.memoryUsage()),
      eventLoopDelayMs: {
        p50: toDelayMs(delay.percentile(50)),
        p99: toDelayMs(delay.percentile(99)),
        max: toDelayMs(delay.max),
      },
    };
    delay.reset();
    cpuSince = process.cpuUsage();
    peakRss = process.memoryUsage.rss();
    begun = 0;
    return figures;
  }

  let sequence = 0;
  /** @param {ReturnType<typeof measure>[]} processes */
  function write(processes) {
    const worst = (/** @type {"p50" | "p99" | "max"} */ key) => Math.max(...processes.map((figures) => figures.eventLoopDelayMs[key]));
    const report = {
      sequence: ++sequence,
      requests: processes.reduce((sum, figures) => sum + figures.requests, 0),
      cpuMs: processes.reduce((sum, figures) => sum + figures.cpuMs, 0),
      peakRssBytes: Math.max(...processes.map((figures) => figures.peakRssBytes)),
      eventLoopDelayMs: { p50: worst("p50"), p99: worst("p99"), max: worst("max") },
      processes,
    };
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(report));
    fs.renameSync(`${file}.tmp`, file);
  }

  if (cluster.isWorker) {
    process.on("message", (message) => {
      if (message === "bench-probe") whenAllAnswered(() => process.send?.({ benchProbe: measure() }));
    });
  } else {
    process.on("SIGUSR2", () => {
      const workers = Object.values(cluster.workers ?? {}).filter((worker) => worker?.isConnected());
      if (workers.length === 0) return whenAllAnswered(() => write([measure()]));
      const answers = workers.map(
        (worker) =>
          new Promise((resolve) => {
            const listener = (/** @type {{ benchProbe?: unknown }} */ message) => {
              if (message?.benchProbe === undefined) return;
              worker?.off("message", listener);
              resolve(message.benchProbe);
            };
            worker?.on("message", listener);
            worker?.send("bench-probe");
          }),
      );
      void Promise.all(answers).then((figures) => write([measure(), .../** @type {ReturnType<typeof measure>[]} */ (figures)]));
    });
  }
  // A cluster's primary leaves once its workers have (server-cluster.mjs), so that theirs get written too.
  process.on("SIGTERM", () => {
    if (cluster.isPrimary && Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
  });
}
