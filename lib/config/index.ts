import "server-only";
import { loadConfig } from "./load";
import type { Datasource, OrreryConfig } from "./schema";

let cached: OrreryConfig | undefined;

/** The process's configuration, loaded once (instrumentation.ts loads it at start-up). */
export function getConfig(): OrreryConfig {
  cached ??= loadConfig();
  return cached;
}

/** Drops the cached configuration so the next getConfig() reads it again (tests). */
export function resetConfig(): void {
  cached = undefined;
}

export function findDatasource(id: string): Datasource | undefined {
  return getConfig().datasources.find((d) => d.id === id);
}

export { ConfigError, loadConfig, toPublicDatasource } from "./load";
export type { Datasource, OrreryConfig } from "./schema";
