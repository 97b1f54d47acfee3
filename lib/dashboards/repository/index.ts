import "server-only";
import { loadRepositoryConfig } from "./config";
import { FileDashboardRepository } from "./file-repository";
import { timedRepository } from "./timed";
import type { DashboardRepository } from "./types";

let repository: DashboardRepository | undefined;

/** The process's dashboard store, configured from the environment on first use. */
export function getDashboardRepository(): DashboardRepository {
  repository ??= timedRepository(new FileDashboardRepository(loadRepositoryConfig()));
  return repository;
}

/** Drops the store so the next getDashboardRepository() reads its settings again (tests). */
export function resetRepository(): void {
  repository = undefined;
}

export { loadRepositoryConfig, type RepositoryConfig } from "./config";
export { FileDashboardRepository } from "./file-repository";
export type * from "./types";
