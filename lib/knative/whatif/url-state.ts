// zod/mini, not zod: this module ships to the browser (the what-if form and URL state).
import * as z from "zod/mini";
import { parseDurationOrSeconds } from "@/lib/promql/duration";

/**
 * The settings a what-if can change (a subset of RevisionSettings, same keys and units), plus the
 * pod start-up time of the replay's pod model. Bounds are Knative's annotation validation (notes §2a/§2b).
 */
export interface WhatIfSettings {
  target?: number;
  targetUtilizationPercentage?: number;
  containerConcurrency?: number;
  window?: number;
  panicWindowPercentage?: number;
  panicThresholdPercentage?: number;
  maxScaleUpRate?: number;
  maxScaleDownRate?: number;
  minScale?: number;
  maxScale?: number;
  scaleToZeroGracePeriod?: number;
  targetBurstCapacity?: number;
  /** Seconds from pod creation to ready in the replay's pod model (not a Knative setting). */
  startupSeconds?: number;
}

export type WhatIfKey = keyof WhatIfSettings;

/** What the URL holds: the overrides and, once a what-if is run, the absolute range it replayed. */
export interface WhatIfUrlState {
  settings: WhatIfSettings;
  range: { startS: number; endS: number } | null;
}

export const EMPTY_WHAT_IF: WhatIfUrlState = { settings: {}, range: null };

interface FieldSpec {
  param: string;
  label: string;
  /** What a valid value is, for notices and form errors. */
  rule: string;
  schema: z.ZodMiniType<number>;
  /** Accepts a Prometheus duration ("60s", "1m") as well as plain seconds. */
  duration?: boolean;
}

const positive = (min: number, max?: number) =>
  max === undefined ? z.number().check(z.gte(min)) : z.number().check(z.gte(min), z.lte(max));
const whole = (min: number, max?: number) =>
  max === undefined ? z.int().check(z.gte(min)) : z.int().check(z.gte(min), z.lte(max));
const aboveOne = z.number().check(z.gt(1));

/** Field table, in form order. Parameters are prefixed `wi.` so they never clash with the view's own. */
export const WHAT_IF_FIELDS: Record<WhatIfKey, FieldSpec> = {
  target: { param: "wi.target", label: "Target", rule: "a number ≥ 0.01", schema: positive(0.01) },
  targetUtilizationPercentage: { param: "wi.tu", label: "Target utilization %", rule: "a number from 1 to 100", schema: positive(1, 100) },
  containerConcurrency: { param: "wi.cc", label: "containerConcurrency", rule: "a whole number from 0 to 1000 (0 = unlimited)", schema: whole(0, 1000) },
  window: { param: "wi.window", label: "Stable window", rule: "whole seconds from 6s to 1h", schema: whole(6, 3600), duration: true },
  panicWindowPercentage: { param: "wi.pwp", label: "Panic window %", rule: "a number from 1 to 100", schema: positive(1, 100) },
  panicThresholdPercentage: { param: "wi.ptp", label: "Panic threshold %", rule: "a number from 110 to 1000", schema: positive(110, 1000) },
  maxScaleUpRate: { param: "wi.up", label: "Max scale-up rate", rule: "a number > 1", schema: aboveOne },
  maxScaleDownRate: { param: "wi.down", label: "Max scale-down rate", rule: "a number > 1", schema: aboveOne },
  minScale: { param: "wi.min", label: "Min scale", rule: "a whole number ≥ 0", schema: whole(0, 10_000) },
  maxScale: { param: "wi.max", label: "Max scale", rule: "a whole number ≥ 0 (0 = unlimited)", schema: whole(0, 10_000) },
  scaleToZeroGracePeriod: { param: "wi.grace", label: "Scale-to-zero grace", rule: "whole seconds from 1s to 1h", schema: whole(1, 3600), duration: true },
  targetBurstCapacity: {
    param: "wi.tbc",
    label: "Target burst capacity",
    rule: "a number ≥ 0, or -1",
    schema: z.number().check(z.refine((v) => v === -1 || v >= 0)),
  },
  startupSeconds: { param: "wi.startup", label: "Pod start-up (model)", rule: "seconds from 0 to 600", schema: positive(0, 600), duration: true },
};

export const WHAT_IF_KEYS = Object.keys(WHAT_IF_FIELDS) as WhatIfKey[];

const RANGE_PARAMS = { start: "wi.from", end: "wi.to" } as const;

/** A replay longer than this is refused: two runs over 24 h take about a second in the browser. */
export const MAX_WHAT_IF_RANGE_S = 2 * 24 * 3600;

export type FieldResult = { ok: true; value: number | undefined } | { ok: false; error: string };

/** Parses one field's text (form input or URL value); blank means "not set" (the revision's value). */
export function parseWhatIfField(key: WhatIfKey, text: string): FieldResult {
  const spec = WHAT_IF_FIELDS[key];
  const trimmed = text.trim();
  if (trimmed === "") return { ok: true, value: undefined };
  const n = spec.duration ? parseDurationOrSeconds(trimmed) : /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(trimmed) ? Number(trimmed) : null;
  const parsed = n === null ? null : spec.schema.safeParse(n);
  if (parsed?.success) return { ok: true, value: parsed.data };
  return { ok: false, error: `${spec.label} must be ${spec.rule}, not "${trimmed.slice(0, 40)}"` };
}

/** Cross-field rule of Knative's validation: max-scale ≥ min-scale unless max-scale is 0 (unlimited). */
export function crossFieldError(settings: WhatIfSettings): string | null {
  const { minScale, maxScale } = settings;
  if (minScale !== undefined && maxScale !== undefined && maxScale !== 0 && maxScale < minScale) {
    return `Max scale (${maxScale}) must be ≥ min scale (${minScale}) or 0 (unlimited)`;
  }
  return null;
}

function decodeRange(params: URLSearchParams, notices: string[]): WhatIfUrlState["range"] {
  const from = params.get(RANGE_PARAMS.start);
  const to = params.get(RANGE_PARAMS.end);
  if (from === null && to === null) return null;
  const startS = from !== null && /^\d{1,12}$/.test(from) ? Number(from) : NaN;
  const endS = to !== null && /^\d{1,12}$/.test(to) ? Number(to) : NaN;
  if (!Number.isFinite(startS) || !Number.isFinite(endS) || endS <= startS) {
    notices.push(`wi.from/wi.to must be whole unix seconds with wi.from < wi.to; the page's range is used`);
    return null;
  }
  if (endS - startS > MAX_WHAT_IF_RANGE_S) {
    notices.push(`wi.from/wi.to span more than 2 days; the page's range is used`);
    return null;
  }
  return { startS, endS };
}

/**
 * Reads the what-if state from a query string. Every invalid value is dropped (the revision's own
 * setting applies) with a notice naming the parameter, so a hand-edited link never breaks the page.
 */
export function decodeWhatIfState(search: URLSearchParams | string): { state: WhatIfUrlState; notices: string[] } {
  const params = typeof search === "string" ? new URLSearchParams(search) : search;
  const notices: string[] = [];
  const settings: WhatIfSettings = {};
  for (const key of WHAT_IF_KEYS) {
    const text = params.get(WHAT_IF_FIELDS[key].param);
    if (text === null) continue;
    const result = parseWhatIfField(key, text);
    if (!result.ok) notices.push(`${WHAT_IF_FIELDS[key].param}: ${result.error}; the revision's value is used`);
    else if (result.value !== undefined) settings[key] = result.value;
  }
  const cross = crossFieldError(settings);
  if (cross !== null) {
    notices.push(`wi.max: ${cross}; the revision's max scale is used`);
    delete settings.maxScale;
  }
  return { state: { settings, range: decodeRange(params, notices) }, notices };
}

/**
 * Writes the what-if state into `base` (the page's current query string, whose other parameters are
 * kept) and returns the query string without "?". Unset fields are removed, so "reset" is encoding
 * EMPTY_WHAT_IF.
 */
export function encodeWhatIfState(state: WhatIfUrlState, base: URLSearchParams | string = ""): string {
  const params = new URLSearchParams(base);
  for (const key of WHAT_IF_KEYS) {
    const value = state.settings[key];
    if (value === undefined) params.delete(WHAT_IF_FIELDS[key].param);
    else params.set(WHAT_IF_FIELDS[key].param, String(value));
  }
  if (state.range === null) {
    params.delete(RANGE_PARAMS.start);
    params.delete(RANGE_PARAMS.end);
  } else {
    params.set(RANGE_PARAMS.start, String(Math.floor(state.range.startS)));
    params.set(RANGE_PARAMS.end, String(Math.ceil(state.range.endS)));
  }
  return params.toString();
}
