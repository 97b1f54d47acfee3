import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { FullConfig } from "@playwright/test";
import {
  assertPortFree,
  downDatasourcePort,
  type Stack,
  stackUrlsFromEnv,
  startStack,
  testStackDir,
  testStackPorts,
} from "../scripts/stack";
import { ADMIN_STORAGE_STATE, signInCookie } from "./auth";

/** Signs in as admin once (the server is up: Playwright starts the webServer first) and stores the browser state. */
async function storeAdminSession(baseURL: string): Promise<void> {
  const pair = await signInCookie(baseURL);
  const eq = pair.indexOf("=");
  const { hostname } = new URL(baseURL);
  const cookie = { name: pair.slice(0, eq), value: pair.slice(eq + 1), domain: hostname, path: "/", expires: -1, httpOnly: true, secure: false, sameSite: "Lax" as const };
  mkdirSync(dirname(ADMIN_STORAGE_STATE), { recursive: true });
  writeFileSync(ADMIN_STORAGE_STATE, JSON.stringify({ cookies: [cookie], origins: [] }, null, 2));
}

/**
 * Reuses the stack of `npm test` (ORRERY_TEST_*_URL) or starts its own on the test ports, which
 * are the ones playwright.config.ts already wrote into e2e/.generated/orrery.config.json.
 */
export default async function globalSetup(config: FullConfig): Promise<(() => Promise<void>) | undefined> {
  // The `down` datasource only means something if nothing answers there.
  await assertPortFree(downDatasourcePort(), "the e2e datasource `down` (must stay closed)");
  await storeAdminSession(config.projects[0]!.use.baseURL!);
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
