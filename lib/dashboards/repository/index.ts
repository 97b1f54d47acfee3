import "server-only";
import { configuredDatabaseUrl } from "@/lib/storage";
import { getPool } from "@/lib/storage/postgres/pool";
import { loadRepositoryConfig } from "./config";
import { FileDashboardRepository } from "./file-repository";
import { PostgresDashboardRepository } from "./postgres/pg-repository";
import { timedRepository } from "./timed";
import type { DashboardRepository } from "./types";

let repository: DashboardRepository | undefined;

/** The process's dashboard store, configured from the environment on first use: PostgreSQL when a database URL is set, else files. */
export function getDashboardRepository(): DashboardRepository {
  if (!repository) {
    const config = loadRepositoryConfig();
    const url = configuredDatabaseUrl();
    repository = timedRepository(url ? new PostgresDashboardRepository(getPool(url), config) : new FileDashboardRepository(config));
  }
  return repository;
}

/** Drops the store so the next getDashboardRepository() reads its settings again (tests). */
export function resetRepository(): void {
  repository = undefined;
}

export { loadRepositoryConfig, type RepositoryConfig } from "./config";
export { FileDashboardRepository } from "./file-repository";
export { PostgresDashboardRepository } from "./postgres/pg-repository";
export type * from "./types";
