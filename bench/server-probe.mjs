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
  let sequence = 0;
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
  process.on("SIGUSR2", () => whenAllAnswered(report));
  function report() {
    const cpu = process.cpuUsage(cpuSince);
    const figures = {
      sequence: ++sequence,
      requests: begun,
      cpuMs: (cpu.user + cpu.system) / 1000,
      peakRssBytes: Math.max(peakRss, process.memoryUsage.rss()),
      eventLoopDelayMs: {
        p50: toDelayMs(delay.percentile(50)),
        p99: toDelayMs(delay.percentile(99)),
        max: toDelayMs(delay.max),
      },
    };
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(figures));
    fs.renameSync(`${file}.tmp`, file);
    delay.reset();
    cpuSince = process.cpuUsage();
    peakRss = process.memoryUsage.rss();
    begun = 0;
  }
  process.on("SIGTERM", () => process.exit(0));
}
