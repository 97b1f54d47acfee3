import "server-only";
import type { OrreryConfig } from "@/lib/config/schema";
import { ConfigError } from "@/lib/config/load";
import { loadRepositoryConfig } from "@/lib/dashboards/repository/config";
import { databaseUrl, describeDatabase } from "./config";
import { migrate } from "./postgres/migrations";
import { getPool } from "./postgres/pool";

/**
 * Start-up for the stores, before auth (whose users may live in the database): with a database URL,
 * applies the migrations (under the advisory lock, so replicas starting together take turns) and
 * returns one line for the log. A malformed URL is a ConfigError; an unreachable database throws
 * StoreUnavailableError, and the process should exit so the orchestrator restarts it.
 */
export async function startStorage(config: OrreryConfig, env: Record<string, string | undefined> = process.env): Promise<string> {
  let url: string | undefined;
  try {
    url = databaseUrl(env) ?? databaseUrl({}, config.storage);
  } catch (e) {
    throw new ConfigError((e as Error).message);
  }
  if (!url) return `storage: files in ${loadRepositoryConfig(env).dataDir}`;
  const { applied, version } = await migrate(getPool(url));
  const migrated = applied.length > 0 ? `, applied migration(s) ${applied.join(", ")}` : "";
  return `storage: PostgreSQL ${describeDatabase(url)} (schema version ${version}${migrated})`;
}
