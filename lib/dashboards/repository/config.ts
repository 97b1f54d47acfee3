import path from "node:path";
import { z } from "zod";
import { formatZodError } from "@/lib/validation/issues";

// An empty variable counts as unset, as a blank line in an env file would.
const blankAsUnset = (v: unknown) => (v === "" ? undefined : v);

const envSchema = z.object({
  ORRERY_DATA_DIR: z.preprocess(blankAsUnset, z.string().default("./data/dashboards")),
  ORRERY_PROVISIONED_DIR: z.preprocess(blankAsUnset, z.string().default("./dashboards")),
  ORRERY_DASHBOARD_VERSIONS: z.preprocess(blankAsUnset, z.coerce.number().int().min(1).max(10_000).default(50)),
});

export interface RepositoryConfig {
  /** Absolute; saved dashboards live here, one folder per uid. */
  dataDir: string;
  /** Absolute; read-only `*.json` dashboards shipped with the deployment. */
  provisionedDir: string;
  /** How many versions of each dashboard the history keeps (the current one included). */
  versionsToKeep: number;
}

/**
 * The dashboard store's settings from the environment: ORRERY_DATA_DIR (./data/dashboards),
 * ORRERY_PROVISIONED_DIR (./dashboards), ORRERY_DASHBOARD_VERSIONS (50). Relative paths are
 * resolved against the working directory. Throws naming the variable when one is invalid.
 */
export function loadRepositoryConfig(env: Record<string, string | undefined> = process.env): RepositoryConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) throw new Error(`invalid dashboard store settings: ${formatZodError(parsed.error)}`);
  return {
    dataDir: path.resolve(parsed.data.ORRERY_DATA_DIR),
    provisionedDir: path.resolve(parsed.data.ORRERY_PROVISIONED_DIR),
    versionsToKeep: parsed.data.ORRERY_DASHBOARD_VERSIONS,
  };
}
