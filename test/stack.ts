import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inject } from "vitest";
import {
  findFreePort,
  type SinglePrometheus,
  type SinglePrometheusOptions,
  type StackUrls,
  startSinglePrometheus,
} from "../scripts/stack";

declare module "vitest" {
  export interface ProvidedContext {
    /** The shared federation stack (global, east, west), started or reused by test/global-setup.ts. */
    stack: StackUrls;
  }
}

export type { StackUrls };

/** Inside a test: URLs of the shared stack. Never stop these servers; other tests use them. */
export function stackUrls(): StackUrls {
  return inject("stack");
}

export interface ScratchPrometheus extends SinglePrometheus {
  /** Stops the server and deletes its folder. */
  dispose(): Promise<void>;
}

/**
 * A private Prometheus on a free port for a test that must stop/start its upstream
 * (`stop()`, then `start()` again on the same port and data). Call `dispose()` in afterAll.
 */
export async function startScratchPrometheus(
  opts: Omit<SinglePrometheusOptions, "dir" | "port"> = {},
): Promise<ScratchPrometheus> {
  const dir = mkdtempSync(join(tmpdir(), "orrery-prometheus-"));
  const port = await findFreePort();
  const prometheus = await startSinglePrometheus({ retention: "1d", ...opts, dir, port, name: opts.name ?? `scratch:${port}` });
  return Object.assign(prometheus, {
    dispose: async () => {
      await prometheus.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  });
}
