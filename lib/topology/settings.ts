import type { Datasource } from "@/lib/config/schema";
import type { TopologyConfig } from "@/lib/config/schema";
import { parseDurationMs } from "@/lib/promql/duration";
import { allowedBy, type AllowPattern, parseAllowlist, requestTarget } from "./allowlist";

/** Discovery settings after validation (from `topology` in orrery.config). */
export interface TopologySettings {
  allow: AllowPattern[];
  /** Levels of federation / nested queriers followed below the datasource itself. */
  maxDepth: number;
  /** Federation or remote-write lag above this makes the lagging node `degraded`. */
  lagThresholdSeconds: number;
  thanosHttpPortOffset: number;
}

export const DEFAULT_TOPOLOGY_SETTINGS: TopologySettings = { allow: [], maxDepth: 4, lagThresholdSeconds: 120, thanosHttpPortOffset: 1 };

/** Settings from the (already validated) config section; defaults when it is absent. */
export function topologySettings(cfg: Partial<TopologyConfig> | undefined): TopologySettings {
  if (!cfg) return DEFAULT_TOPOLOGY_SETTINGS;
  return {
    allow: parseAllowlist(cfg.allow ?? []),
    maxDepth: cfg.maxDepth ?? DEFAULT_TOPOLOGY_SETTINGS.maxDepth,
    lagThresholdSeconds: cfg.lagThreshold ? (parseDurationMs(cfg.lagThreshold) ?? 120_000) / 1000 : DEFAULT_TOPOLOGY_SETTINGS.lagThresholdSeconds,
    thanosHttpPortOffset: cfg.thanosHttpPortOffset ?? DEFAULT_TOPOLOGY_SETTINGS.thanosHttpPortOffset,
  };
}

export interface ResolvedEndpoint {
  ds: Datasource;
  /** True when `ds` is a configured datasource (its id may be shown and linked to). */
  configured: boolean;
  /** host:port, the visited-set key. */
  key: string;
}

/** Timeout for servers reached only through the allowlist (they have no datasource settings). */
const DISCOVERED_TIMEOUT_MS = 10_000;

/**
 * The server Orrery may read for an address found in upstream data: a configured datasource of
 * that type on the same host:port, else — only when `topology.allow` matches its scheme, host and
 * port — an ad-hoc datasource for its origin (+ `pathPrefix`), without any credentials or headers.
 * Undefined means: draw it, never request it.
 */
export function resolveEndpoint(
  url: string,
  type: Datasource["type"],
  datasources: readonly Datasource[],
  settings: TopologySettings,
  pathPrefix = "",
): ResolvedEndpoint | undefined {
  const t = requestTarget(url);
  if (!t) return undefined;
  const key = `${t.host}:${t.port}`;
  const configured = datasources.find((d) => {
    const c = requestTarget(d.url);
    return d.type === type && c !== undefined && `${c.host}:${c.port}` === key;
  });
  if (configured) return { ds: configured, configured: true, key };
  if (!allowedBy(url, settings.allow)) return undefined;
  const plain = pathPrefix.split("/").slice(1).every((seg) => /^[A-Za-z0-9._~-]+$/.test(seg) && !/^\.+$/.test(seg));
  const prefix = pathPrefix.startsWith("/") && plain ? pathPrefix : "";
  return {
    ds: {
      id: `discovered:${key}`,
      name: key,
      type,
      url: `${t.origin}${prefix}`,
      default: false,
      timeoutMs: DISCOVERED_TIMEOUT_MS,
      scrapeIntervalMs: 15_000,
      headers: {},
      thanos: {},
    },
    configured: false,
    key,
  };
}
