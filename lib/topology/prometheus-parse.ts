import * as z from "zod/mini";
import { parse as parseYaml } from "yaml";

const activeTargetSchema = z.object({
  labels: z.record(z.string(), z.string()),
  scrapePool: z.string(),
  scrapeUrl: z.string(),
  lastError: z.optional(z.string()),
  lastScrape: z.optional(z.string()),
  lastScrapeDuration: z.optional(z.number()),
  /** e.g. "15s"; Prometheus only (Thanos' combined /targets has none). */
  scrapeInterval: z.optional(z.string()),
  health: z.string(),
});
export type ActiveTarget = z.infer<typeof activeTargetSchema>;

const targetsDataSchema = z.object({ activeTargets: z.array(activeTargetSchema) });

/** `data` of Prometheus `/api/v1/targets`. */
export function parseTargets(data: unknown): ActiveTarget[] {
  return targetsDataSchema.parse(data).activeTargets;
}

const configYamlSchema = z.object({
  global: z.optional(
    z.object({ external_labels: z.optional(z.record(z.string(), z.string())), scrape_interval: z.optional(z.string()) }),
  ),
  scrape_configs: z.optional(
    z.array(
      z.object({
        job_name: z.string(),
        scrape_interval: z.optional(z.string()),
        metrics_path: z.optional(z.string()),
        honor_labels: z.optional(z.boolean()),
        params: z.optional(z.record(z.string(), z.array(z.string()))),
      }),
    ),
  ),
  remote_write: z.optional(z.array(z.object({ url: z.string(), name: z.optional(z.string()) }))),
});

export interface ScrapeJobConfig {
  metricsPath: string;
  scrapeInterval?: string;
  honorLabels: boolean;
  match: string[];
}

export interface PrometheusConfigSummary {
  externalLabels: Record<string, string>;
  /** global.scrape_interval as written (Prometheus fills in its default, 1m). */
  scrapeInterval?: string;
  jobs: Record<string, ScrapeJobConfig>;
  remoteWrite: { url: string; name?: string }[];
}

/** Reads what the topology needs from the YAML in `data.yaml` of `/api/v1/status/config`. */
export function parsePrometheusConfig(yamlText: string): PrometheusConfigSummary {
  const cfg = configYamlSchema.parse(parseYaml(yamlText) ?? {});
  const jobs: Record<string, ScrapeJobConfig> = {};
  for (const job of cfg.scrape_configs ?? []) {
    jobs[job.job_name] = {
      metricsPath: job.metrics_path ?? "/metrics",
      ...(job.scrape_interval ? { scrapeInterval: job.scrape_interval } : {}),
      honorLabels: job.honor_labels ?? false,
      match: job.params?.["match[]"] ?? [],
    };
  }
  return {
    externalLabels: cfg.global?.external_labels ?? {},
    ...(cfg.global?.scrape_interval ? { scrapeInterval: cfg.global.scrape_interval } : {}),
    jobs,
    remoteWrite: (cfg.remote_write ?? []).map((rw) => ({ url: stripCredentials(rw.url), ...(rw.name ? { name: rw.name } : {}) })),
  };
}

/**
 * A URL safe to show: no user or password, every query parameter value replaced by "xxxxx" (API
 * keys travel there too), no fragment. Something that is not a URL becomes "(invalid URL)".
 */
export function stripCredentials(url: string): string {
  try {
    const u = new URL(url);
    u.username = "";
    u.password = "";
    u.hash = "";
    const keys = [...u.searchParams.keys()];
    u.search = "";
    for (const k of keys) u.searchParams.append(k, "xxxxx");
    return u.toString();
  } catch {
    return "(invalid URL)";
  }
}

/** The `match[]` selectors of a scrape URL whose path is /federate, or undefined for any other path. */
export function federationMatch(scrapeUrl: string): string[] | undefined {
  try {
    const u = new URL(scrapeUrl);
    return u.pathname.replace(/\/+$/, "").endsWith("/federate") ? u.searchParams.getAll("match[]") : undefined;
  } catch {
    return undefined;
  }
}

const DEFAULT_PORTS: Record<string, string> = { "http:": "80", "https:": "443" };

/** "host:port" of a URL (default port filled in, host lower-cased), or undefined if it is not a URL. */
export function hostPort(url: string): string | undefined {
  try {
    const u = new URL(url);
    return `${u.hostname.toLowerCase()}:${u.port || DEFAULT_PORTS[u.protocol] || ""}`;
  } catch {
    return undefined;
  }
}
