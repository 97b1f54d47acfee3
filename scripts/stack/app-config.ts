import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { annotationsOf, SCENARIO } from "@/lib/knative/sim/scenario";
import type { StackUrls } from "./start-stack";

/** One entry of the app's config file (the file whose path is in ORRERY_CONFIG). */
export interface AppDatasource {
  id: string;
  name: string;
  type: "prometheus" | "thanos";
  url: string;
  default?: boolean;
  scrapeInterval?: string;
  timeout?: string;
  auth?: { bearerToken?: string };
}

/** The three datasources of a local stack: global (the default), east and west. */
export function stackDatasources(urls: StackUrls): AppDatasource[] {
  return [
    { id: "global", name: "Global (federation)", type: "prometheus", url: urls.global, default: true, scrapeInterval: "5s", timeout: "30s" },
    { id: "east", name: "East leaf", type: "prometheus", url: urls.east, scrapeInterval: "5s" },
    { id: "west", name: "West leaf", type: "prometheus", url: urls.west, scrapeInterval: "5s" },
  ];
}

/** The simulated revisions' containerConcurrency and annotations: not metrics, so the app learns them from config. */
export function simulatorKnativeConfig(): { revisions: { namespace: string; revision: string; containerConcurrency: number; annotations: Record<string, string> }[] } {
  return {
    revisions: SCENARIO.map((spec) => ({
      namespace: spec.namespace,
      revision: spec.revision,
      containerConcurrency: spec.containerConcurrency,
      annotations: annotationsOf(spec),
    })),
  };
}

/**
 * Writes `{ datasources, knative, ...extra }` (e.g. an `auth` section) to `file` atomically, and only when
 * the content changes: Playwright evaluates its config in several processes, and the app may be reading the file meanwhile.
 */
export function writeAppConfig(file: string, datasources: AppDatasource[], extra: Record<string, unknown> = {}): string {
  const text = `${JSON.stringify({ datasources, knative: simulatorKnativeConfig(), ...extra }, null, 2)}\n`;
  if (existsSync(file) && readFileSync(file, "utf8") === text) return file;
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
  return file;
}
