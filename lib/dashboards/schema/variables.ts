import { z } from "zod";
import { parseDurationMs } from "@/lib/promql/duration";
import { datasourceRefSchema, variableNameSchema } from "./common";

/** The selected value(s); a multi-value variable holds an array. `$__all` stands for All. */
export const currentSchema = z.strictObject({ value: z.union([z.string().max(10_000), z.array(z.string().max(10_000)).max(1000)]) });
export type VariableCurrent = z.infer<typeof currentSchema>;

export const ALL_VALUE = "$__all";

const common = {
  name: variableNameSchema,
  label: z.string().max(200).optional(),
  description: z.string().max(2000).optional(),
  /** What the variable bar shows: everything, the value without its label, or nothing. */
  hide: z.enum(["none", "label", "variable"]).default("none"),
  current: currentSchema.optional(),
};

const selection = {
  multi: z.boolean().default(false),
  includeAll: z.boolean().default(false),
  /** The value All stands for; by default the regex alternation of every value. */
  allValue: z.string().max(10_000).optional(),
};

function regexCompiles(pattern: string): boolean {
  if (pattern === "") return true;
  try {
    new RegExp(pattern.replace(/^\/(.*)\/[gimsuy]*$/, "$1"));
    return true;
  } catch {
    return false;
  }
}

/** Filters (and with a capture group, rewrites) the values of a query or datasource variable. */
const regexSchema = z.string().max(2000).default("").refine(regexCompiles, { message: "is not a valid regular expression" });

export const queryVariableSchema = z.strictObject({
  ...common,
  ...selection,
  type: z.literal("query"),
  datasource: datasourceRefSchema.optional(),
  /** `label_values(metric, label)`, `label_values(label)`, `label_names()`, `metrics(regex)` or `query_result(expr)`. */
  query: z.string().min(1).max(100_000),
  regex: regexSchema,
  sort: z.enum(["none", "alpha-asc", "alpha-desc", "num-asc", "num-desc", "alpha-ci-asc", "alpha-ci-desc"]).default("none"),
  refresh: z.enum(["load", "time"]).default("load"),
});

export const customVariableSchema = z.strictObject({
  ...common,
  ...selection,
  type: z.literal("custom"),
  /** Comma-separated values; `text : value` pairs allowed; `\,` escapes a comma. */
  query: z.string().max(100_000),
});

export const constantVariableSchema = z.strictObject({ ...common, type: z.literal("constant"), query: z.string().max(100_000) });

export const textboxVariableSchema = z.strictObject({ ...common, type: z.literal("textbox"), query: z.string().max(10_000).default("") });

const durationList = z
  .string()
  .min(1)
  .refine((s) => s.split(",").every((d) => parseDurationMs(d.trim()) !== null && parseDurationMs(d.trim())! > 0), {
    message: 'must be comma-separated durations such as "1m,5m,1h"',
  });

export const intervalVariableSchema = z.strictObject({
  ...common,
  type: z.literal("interval"),
  query: durationList,
  /** Adds an `auto` choice: range / auto_count, at least auto_min, rounded as Grafana does. */
  auto: z.boolean().default(false),
  auto_count: z.number().int().min(1).max(10_000).default(30),
  auto_min: z.string().default("10s").refine((d) => parseDurationMs(d) !== null, { message: "must be a duration" }),
});

export const datasourceVariableSchema = z.strictObject({
  ...common,
  ...selection,
  type: z.literal("datasource"),
  /** Datasource type to offer: "prometheus", "thanos", or "" for every datasource. */
  query: z.enum(["", "prometheus", "thanos"]).default(""),
  regex: regexSchema,
});

export const variableSchema = z.discriminatedUnion("type", [
  queryVariableSchema,
  customVariableSchema,
  constantVariableSchema,
  textboxVariableSchema,
  intervalVariableSchema,
  datasourceVariableSchema,
]);
export type Variable = z.infer<typeof variableSchema>;
export type VariableType = Variable["type"];
export type VariableOf<T extends VariableType> = Extract<Variable, { type: T }>;
