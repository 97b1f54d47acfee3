/**
 * Flag parsing for scripts/knative-sim.ts, kept pure so tests can check every message names its flag.
 */
import { parseArgs } from "node:util";
import { type SimMetricSet, SIM_METRIC_SETS } from "./metric-sets";
import type { LabelPairs } from "./metric-sets";

export class UsageError extends Error {}

export const USAGE = `Usage (from the repo root):
  node --import tsx scripts/knative-sim.ts serve --port <p> --metric-set opencensus|otel
      [--host 127.0.0.1] [--seed 1] [--history-from <unix s, default now-3600>]
  node --import tsx scripts/knative-sim.ts backfill --metric-set opencensus|otel --from <unix s> --to <unix s>
      --out <file> [--step 2] [--request-step <s, default the first multiple of step ≥ 30>] [--seed 1]
      [--labels k=v,k=v] [--history-from <unix s, default --from>]`;

export interface ServeArgs {
  command: "serve";
  port: number;
  host: string;
  metricSet: SimMetricSet;
  seed: number;
  historyFrom: number;
}

export interface BackfillArgs {
  command: "backfill";
  metricSet: SimMetricSet;
  from: number;
  to: number;
  out: string;
  step: number;
  requestStep: number;
  seed: number;
  labels: LabelPairs;
  historyFrom: number;
}

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
/** Label names the simulator's own series use; --labels must not replace them. */
const RESERVED = new Set([
  "le",
  "namespace_name",
  "service_name",
  "configuration_name",
  "revision_name",
  "pod_name",
  "container_name",
  "response_code",
  "response_code_class",
  "k8s_namespace_name",
  "kn_service_name",
  "kn_configuration_name",
  "kn_revision_name",
  "k8s_pod_name",
  "k8s_container_name",
  "http_request_method",
  "http_response_status_code",
]);

function integer(flag: string, raw: string | undefined, opts: { min?: number; max?: number } = {}): number {
  if (raw === undefined) throw new UsageError(`${flag} is required`);
  const n = Number(raw);
  if (raw.trim() === "" || !Number.isInteger(n)) throw new UsageError(`${flag} must be a whole number, got "${raw}"`);
  if (opts.min !== undefined && n < opts.min) throw new UsageError(`${flag} must be ≥ ${opts.min}, got ${n}`);
  if (opts.max !== undefined && n > opts.max) throw new UsageError(`${flag} must be ≤ ${opts.max}, got ${n}`);
  return n;
}

function metricSet(raw: string | undefined): SimMetricSet {
  if (raw === undefined) throw new UsageError("--metric-set is required (opencensus or otel)");
  if (!(SIM_METRIC_SETS as readonly string[]).includes(raw)) throw new UsageError(`--metric-set must be opencensus or otel, got "${raw}"`);
  return raw as SimMetricSet;
}

/** `k=v,k=v` → label pairs; names must be Prometheus label names and not the simulator's own. */
export function parseLabels(raw: string | undefined): LabelPairs {
  if (raw === undefined || raw === "") return [];
  const seen = new Set<string>();
  return raw.split(",").map((part) => {
    const eq = part.indexOf("=");
    if (eq <= 0) throw new UsageError(`--labels: "${part}" is not k=v`);
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1);
    if (!LABEL_NAME.test(name) || name.startsWith("__")) throw new UsageError(`--labels: "${name}" is not a valid label name`);
    if (RESERVED.has(name)) throw new UsageError(`--labels: "${name}" is a label of the simulated series`);
    if (seen.has(name)) throw new UsageError(`--labels: "${name}" is given twice`);
    seen.add(name);
    return [name, value] as const;
  });
}

/** Parses argv (without node and the script); throws UsageError naming the bad flag. */
export function parseCliArgs(argv: string[], nowSeconds: number): ServeArgs | BackfillArgs {
  const [command, ...rest] = argv;
  if (command !== "serve" && command !== "backfill") {
    throw new UsageError(command === undefined ? "a command is required: serve or backfill" : `unknown command "${command}": use serve or backfill`);
  }
  const options = {
    port: { type: "string" },
    host: { type: "string" },
    "metric-set": { type: "string" },
    seed: { type: "string" },
    "history-from": { type: "string" },
    from: { type: "string" },
    to: { type: "string" },
    out: { type: "string" },
    step: { type: "string" },
    "request-step": { type: "string" },
    labels: { type: "string" },
  } as const;
  let values: Partial<Record<keyof typeof options, string>>;
  try {
    values = parseArgs({ args: rest, options, strict: true, allowPositionals: false }).values;
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  const allowed =
    command === "serve"
      ? ["port", "host", "metric-set", "seed", "history-from"]
      : ["metric-set", "seed", "history-from", "from", "to", "out", "step", "request-step", "labels"];
  for (const key of Object.keys(values)) {
    if (!allowed.includes(key)) throw new UsageError(`--${key} is not an option of ${command}`);
  }
  const seed = values.seed === undefined ? 1 : integer("--seed", values.seed);
  const set = metricSet(values["metric-set"]);
  if (command === "serve") {
    const historyFrom = values["history-from"] === undefined ? nowSeconds - 3600 : integer("--history-from", values["history-from"], { min: 0 });
    if (historyFrom > nowSeconds) throw new UsageError(`--history-from (${historyFrom}) is in the future`);
    return {
      command,
      port: integer("--port", values.port, { min: 0, max: 65535 }),
      host: values.host ?? "127.0.0.1",
      metricSet: set,
      seed,
      historyFrom,
    };
  }
  const from = integer("--from", values.from, { min: 0 });
  const to = integer("--to", values.to, { min: 0 });
  if (to < from) throw new UsageError(`--to (${to}) must not be before --from (${from})`);
  if (!values.out) throw new UsageError("--out is required");
  const step = values.step === undefined ? 2 : integer("--step", values.step, { min: 1 });
  const requestStep =
    values["request-step"] === undefined ? Math.ceil(30 / step) * step : integer("--request-step", values["request-step"], { min: step });
  if (requestStep % step !== 0) throw new UsageError(`--request-step must be a multiple of --step (${step}), got ${requestStep}`);
  const historyFrom = values["history-from"] === undefined ? from : integer("--history-from", values["history-from"], { min: 0 });
  if (historyFrom > from) throw new UsageError(`--history-from (${historyFrom}) must not be after --from (${from})`);
  return { command, metricSet: set, from, to, out: values.out, step, requestStep, seed, labels: parseLabels(values.labels), historyFrom };
}
