import type { TestProject } from "vitest/node";
import {
  type Stack,
  stackUrlsFromEnv,
  stackUrlsToEnv,
  startStack,
  testStackDir,
  testStackPorts,
} from "../scripts/stack";
import type {} from "./stack"; // brings in the ProvidedContext declaration

let stack: Stack | undefined;

/**
 * Reuses the stack of `npm test` (ORRERY_TEST_*_URL) or starts one on the test ports, so a bare
 * `npx vitest run` works too. ORRERY_TEST_STACK=0 skips it for quick runs of pure unit tests.
 */
export async function setup(project: TestProject): Promise<void> {
  if (process.env.ORRERY_TEST_STACK === "0") return;
  let urls = stackUrlsFromEnv();
  if (!urls) {
    stack = await startStack({
      dir: testStackDir(),
      fresh: true,
      ports: testStackPorts(),
      retention: "1d",
      log: (msg) => console.log(`[test stack] ${msg}`),
    });
    urls = stack.urls;
  }
  // Also as env vars, for code under test that reads process.env; workers start after this.
  Object.assign(process.env, stackUrlsToEnv(urls));
  project.provide("stack", urls);
}

export async function teardown(): Promise<void> {
  await stack?.stop();
  stack = undefined;
}
