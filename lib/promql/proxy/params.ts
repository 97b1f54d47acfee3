import type { Datasource } from "@/lib/config/schema";
import { formatDuration, parseDurationOrSeconds } from "@/lib/promql/duration";
import { clampStepSeconds } from "@/lib/promql/step";
import type { Endpoint } from "./endpoints";

/** Parses a Prometheus API time: RFC3339 or float unix seconds. Returns seconds or null. */
export function parseApiTime(text: string | null): number | null {
  if (text === null || text === "") return null;
  if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)) {
    const n = Number(text);
    return Number.isFinite(n) ? n : null;
  }
  // RFC3339 only: a date, "T", a time and a zone; Date.parse alone accepts far looser text.
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.test(text)) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : ms / 1000;
}

export interface StepClamp {
  requestedSeconds: number;
  usedSeconds: number;
}

export interface UpstreamParams {
  params: URLSearchParams;
  stepClamp?: StepClamp;
}

function setDefault(params: URLSearchParams, key: string, value: string | undefined) {
  if (value !== undefined && !params.has(key)) params.set(key, value);
}

// Request values override the datasource's defaults: a default is only added when the key is absent.
function applyThanosDefaults(params: URLSearchParams, ds: Datasource, endpoint: Endpoint) {
  const t = ds.thanos;
  if (endpoint.thanosSelect) {
    setDefault(params, "dedup", t.dedup === undefined ? undefined : String(t.dedup));
    setDefault(params, "partial_response", t.partialResponse === undefined ? undefined : String(t.partialResponse));
    if (t.replicaLabels?.length && !params.has("replicaLabels[]")) {
      for (const label of t.replicaLabels) params.append("replicaLabels[]", label);
    }
  }
  if (endpoint.evaluates) {
    setDefault(params, "max_source_resolution", t.maxSourceResolution);
    setDefault(params, "engine", t.engine);
  }
}

/**
 * Clamps query_range's step so no series exceeds 11,000 points. Leaves unparsable values alone:
 * the upstream then answers with its own 400 bad_data, as it would to a direct request.
 */
function clampRangeStep(params: URLSearchParams): StepClamp | undefined {
  const start = parseApiTime(params.get("start"));
  const end = parseApiTime(params.get("end"));
  const stepText = params.get("step");
  const step = stepText === null ? null : parseDurationOrSeconds(stepText);
  if (start === null || end === null || step === null || step <= 0 || end < start) return undefined;
  const used = clampStepSeconds(start, end, step);
  if (used === step) return undefined;
  params.set("step", String(used));
  return { requestedSeconds: step, usedSeconds: used };
}

/**
 * Builds the parameters sent upstream from the client's: everything the client sent (so any
 * Prometheus client works), plus the datasource's Thanos defaults, a query timeout, and a clamped step.
 */
export function buildUpstreamParams(input: URLSearchParams, ds: Datasource, endpoint: Endpoint): UpstreamParams {
  const params = new URLSearchParams(input);
  if (ds.type === "thanos") applyThanosDefaults(params, ds, endpoint);
  if (endpoint.evaluates) setDefault(params, "timeout", formatDuration(ds.timeoutMs / 1000));
  const stepClamp = endpoint.name === "query_range" ? clampRangeStep(params) : undefined;
  return { params, stepClamp };
}
