import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { resetConfig } from "@/lib/config";
import { resetQueryLayer } from "@/lib/promql/query-layer";

/** Points the app at these datasources with this `query` section, and starts the query layer afresh. */
export function useQueryConfig(datasources: unknown[], query: Record<string, unknown> = {}): void {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "orrery-perf-")), "orrery.config.json");
  writeFileSync(file, JSON.stringify({ datasources, query }));
  process.env.ORRERY_CONFIG = file;
  resetConfig();
  resetQueryLayer();
}
