// The Knative workload simulator: six revisions under the KPA (lib/knative/engine), exported with
// Knative's real metric names (OpenCensus or OpenTelemetry set), live or as OpenMetrics history.
//   serve:    simulates from --history-from up to now, then listens and ticks every second
//             (/metrics in the text format 0.0.4, /-/ready);
//   backfill: writes --from..--to as OpenMetrics for `promtool tsdb create-blocks-from openmetrics`.
// The same --seed and --history-from give identical values at equal t in both modes.
// Bad flags exit 2 with a message naming the flag. Run `... knative-sim.ts` without arguments for usage.
import { createServer } from "node:http";
import { writeBackfill } from "@/lib/knative/sim/backfill";
import { type BackfillArgs, parseCliArgs, type ServeArgs, USAGE, UsageError } from "@/lib/knative/sim/cli-args";
import { renderTextFormat } from "@/lib/knative/sim/exposition";
import { Simulator } from "@/lib/knative/sim/simulator";

const nowSeconds = () => Math.floor(Date.now() / 1000);

function serve(args: ServeArgs): void {
  const sim = new Simulator({ metricSet: args.metricSet, seed: args.seed, historyFrom: args.historyFrom });
  const started = Date.now();
  sim.advanceTo(nowSeconds());
  console.log(`simulated ${sim.time - args.historyFrom + 1} s of history in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  // Ticks keep the simulation on the wall clock; a scrape also catches up first, so it never sees a stale second.
  const timer = setInterval(() => sim.advanceTo(nowSeconds()), 1000);
  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (path === "/metrics") {
      sim.advanceTo(nowSeconds());
      res.writeHead(200, { "Content-Type": "text/plain; version=0.0.4; charset=utf-8" });
      res.end(renderTextFormat(sim.def, (sink) => sim.emit(sink)));
    } else if (path === "/-/ready") {
      res.writeHead(200, { "Content-Type": "text/plain; charset=utf-8" });
      res.end("ready\n");
    } else {
      res.writeHead(path === "/" ? 200 : 404, { "Content-Type": "text/plain; charset=utf-8" });
      res.end(path === "/" ? "Orrery Knative simulator: see /metrics\n" : "not found\n");
    }
  });
  server.on("close", () => clearInterval(timer));
  server.once("error", (err) => {
    console.error(`knative-sim: cannot listen on ${args.host}:${args.port}: ${err.message}`);
    process.exit(1);
  });
  server.listen(args.port, args.host, () => {
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : args.port;
    console.log(`listening on http://${args.host}:${port}`);
  });
  const shutdown = () => server.close(() => process.exit(0));
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}

function backfill(args: BackfillArgs): void {
  const sim = new Simulator({ metricSet: args.metricSet, seed: args.seed, historyFrom: args.historyFrom, extraLabels: args.labels });
  const started = Date.now();
  const stats = writeBackfill(sim, { from: args.from, to: args.to, step: args.step, requestStep: args.requestStep }, args.out);
  const seconds = (Date.now() - started) / 1000;
  console.log(
    `wrote ${args.out}: ${stats.samples} samples at ${stats.timestamps} timestamps, ${(stats.bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(1)} s`,
  );
}

function main(): void {
  let args: ServeArgs | BackfillArgs;
  try {
    args = parseCliArgs(process.argv.slice(2), nowSeconds());
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`knative-sim: ${err.message}\n\n${USAGE}`);
      process.exit(2);
    }
    throw err;
  }
  if (args.command === "serve") serve(args);
  else backfill(args);
}

try {
  main();
} catch (err) {
  console.error(`knative-sim: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
