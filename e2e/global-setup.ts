import {
  assertPortFree,
  downDatasourcePort,
  type Stack,
  stackUrlsFromEnv,
  startStack,
  testStackDir,
  testStackPorts,
} from "../scripts/stack";

/**
 * Reuses the stack of `npm test` (ORRERY_TEST_*_URL) or starts its own on the test ports, which
 * are the ones playwright.config.ts already wrote into e2e/.generated/orrery.config.json.
 */
export default async function globalSetup(): Promise<(() => Promise<void>) | undefined> {
  // The `down` datasource only means something if nothing answers there.
  await assertPortFree(downDatasourcePort(), "the e2e datasource `down` (must stay closed)");
  if (stackUrlsFromEnv()) return undefined;
  const stack: Stack = await startStack({
    dir: testStackDir(),
    fresh: true,
    ports: testStackPorts(),
    retention: "1d",
    log: (msg) => console.log(`[e2e stack] ${msg}`),
  });
  return () => stack.stop();
}
