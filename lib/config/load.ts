import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import type { z } from "zod";
import { formatDuration, parseDurationMs } from "@/lib/promql/duration";
import type { DatasourceInfo } from "@/lib/promql/types";
import { formatIssuePath, formatZodError } from "@/lib/validation/issues";
import { orreryConfigSchema, type Datasource, type OrreryConfig } from "./schema";

/** Start-up configuration problem; the message names the file and the failing field. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

const DEFAULT_FILES = ["orrery.config.json", "orrery.config.yaml", "orrery.config.yml"];

type Env = Record<string, string | undefined>;

// `${NAME}` in any string of the file is replaced from the environment, so secrets can stay out of it.
function expandEnv(value: unknown, env: Env, at: PropertyKey[]): unknown {
  if (typeof value === "string") {
    return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => {
      const v = env[name];
      if (v === undefined) throw new ConfigError(`${formatIssuePath(at)}: environment variable ${name} is not set`);
      return v;
    });
  }
  if (Array.isArray(value)) return value.map((v, i) => expandEnv(v, env, [...at, i]));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expandEnv(v, env, [...at, k])]));
  }
  return value;
}

function readConfigFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new ConfigError(`cannot read config file ${file}: ${(e as Error).message}`);
  }
  try {
    return /\.ya?ml$/i.test(file) ? parseYaml(text) : JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`config file ${file} is not valid ${/\.ya?ml$/i.test(file) ? "YAML" : "JSON"}: ${(e as Error).message}`);
  }
}

function envDatasources(env: Env): unknown[] {
  const out: unknown[] = [];
  if (env.ORRERY_THANOS_URL) out.push({ id: "thanos", name: "Thanos", type: "thanos", url: env.ORRERY_THANOS_URL });
  if (env.ORRERY_PROMETHEUS_URL) {
    out.push({ id: "prometheus", name: "Prometheus", type: "prometheus", url: env.ORRERY_PROMETHEUS_URL });
  }
  return out;
}

function normalise(raw: z.infer<typeof orreryConfigSchema>): OrreryConfig {
  const datasources: Datasource[] = raw.datasources.map((ds) => ({
    id: ds.id,
    name: ds.name ?? ds.id,
    type: ds.type,
    url: ds.url,
    default: ds.default,
    timeoutMs: parseDurationMs(ds.timeout)!,
    scrapeIntervalMs: parseDurationMs(ds.scrapeInterval)!,
    auth: ds.auth,
    headers: ds.headers ?? {},
    acceptEncoding: ds.acceptEncoding,
    thanos: ds.thanos ?? {},
  }));
  if (datasources.length > 0 && !datasources.some((d) => d.default)) datasources[0]!.default = true;
  return { datasources, ...(raw.knative ? { knative: raw.knative } : {}), ...(raw.topology ? { topology: raw.topology } : {}), ...(raw.dashboards ? { dashboards: raw.dashboards } : {}), ...(raw.auth ? { auth: raw.auth } : {}), ...(raw.query ? { query: raw.query } : {}), ...(raw.storage ? { storage: raw.storage } : {}), ...(raw.metrics ? { metrics: raw.metrics } : {}) };
}

/**
 * Loads the configuration: the file named by ORRERY_CONFIG (or orrery.config.{json,yaml} in the
 * working directory), then ORRERY_THANOS_URL / ORRERY_PROMETHEUS_URL, which replace a datasource
 * of the same id. ORRERY_DEFAULT_DATASOURCE picks the default. Throws ConfigError naming the field.
 */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): OrreryConfig {
  let file = env.ORRERY_CONFIG ? path.resolve(/* turbopackIgnore: true */ cwd, env.ORRERY_CONFIG) : undefined;
  if (file && !existsSync(file)) throw new ConfigError(`ORRERY_CONFIG: config file ${file} does not exist`);
  file ??= DEFAULT_FILES.map((f) => path.join(/* turbopackIgnore: true */ cwd, f)).find((f) => existsSync(f));

  const fromFile = file ? expandEnv(readConfigFile(file), env, []) : {};
  if (fromFile === null || typeof fromFile !== "object" || Array.isArray(fromFile)) {
    throw new ConfigError(`config file ${file}: the top level must be an object with "datasources"`);
  }
  const fileDatasources = (fromFile as { datasources?: unknown }).datasources;
  const extra = envDatasources(env);
  const extraIds = new Set(extra.map((d) => (d as { id: string }).id));
  const merged = {
    ...fromFile,
    datasources: [
      ...(Array.isArray(fileDatasources) ? fileDatasources.filter((d) => !extraIds.has((d as { id?: string })?.id ?? "")) : []),
      ...extra,
    ],
  };
  if (fileDatasources !== undefined && !Array.isArray(fileDatasources)) merged.datasources = fileDatasources as never;

  const parsed = orreryConfigSchema.safeParse(merged);
  if (!parsed.success) throw new ConfigError(`invalid configuration${file ? ` in ${file}` : ""}: ${formatZodError(parsed.error)}`);
  const config = normalise(parsed.data);

  const wanted = env.ORRERY_DEFAULT_DATASOURCE;
  if (wanted) {
    if (!config.datasources.some((d) => d.id === wanted)) {
      throw new ConfigError(`ORRERY_DEFAULT_DATASOURCE: no datasource with id "${wanted}"`);
    }
    config.datasources.forEach((d) => (d.default = d.id === wanted));
  }
  return config;
}

/** The browser's view of a datasource: no URL, credentials or headers. */
export function toPublicDatasource(ds: Datasource): DatasourceInfo {
  return {
    id: ds.id,
    name: ds.name,
    type: ds.type,
    default: ds.default,
    scrapeInterval: formatDuration(ds.scrapeIntervalMs / 1000),
    timeout: formatDuration(ds.timeoutMs / 1000),
    ...(ds.type === "thanos" ? { thanos: ds.thanos } : {}),
  };
}
