import { join } from "node:path";
import { e2eAuthConfig } from "../../test/oidc/e2e-config";
import { type AppDatasource, stackDatasources, writeAppConfig } from "./app-config";
import { HOST } from "./net";
import { REPO_ROOT, stackPortsFromBase, type StackPorts, type StackUrls } from "./start-stack";

/** How `npm test` hands its running stack to vitest and Playwright. */
export const TEST_URL_ENV = {
  global: "ORRERY_TEST_GLOBAL_URL",
  east: "ORRERY_TEST_EAST_URL",
  west: "ORRERY_TEST_WEST_URL",
} as const;

/** Per port base, so runs with different ORRERY_TEST_PORT_BASE never share (or wipe) a folder. */
export function testStackDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(REPO_ROOT, ".test-stack", String(testPortBase(env)));
}
export const E2E_APP_CONFIG = join(REPO_ROOT, "e2e", ".generated", "orrery.config.json");
/** Put in the generated e2e config so tests can prove the API never reveals it. */
export const E2E_SECRET_TOKEN = "e2e-secret-token";

export function testPortBase(env: NodeJS.ProcessEnv = process.env): number {
  const base = Number(env.ORRERY_TEST_PORT_BASE ?? 29090);
  if (!Number.isInteger(base) || base < 1024 || base > 65_000) {
    throw new Error(`ORRERY_TEST_PORT_BASE must be an integer between 1024 and 65000, got "${env.ORRERY_TEST_PORT_BASE}"`);
  }
  return base;
}

/** global=base, east=base+1, west=base+2, exporters=base+111/base+112 (29090.. by default). */
export function testStackPorts(env: NodeJS.ProcessEnv = process.env): StackPorts {
  const { nodeExporter: _unused, ...ports } = stackPortsFromBase(testPortBase(env));
  return ports;
}

/** A local port nothing listens on, for the e2e datasource `down` (base+9, 29099 by default). */
export function downDatasourcePort(env: NodeJS.ProcessEnv = process.env): number {
  return testPortBase(env) + 9;
}

/** The stack URLs passed in by `npm test`, or undefined when none are set. */
export function stackUrlsFromEnv(env: NodeJS.ProcessEnv = process.env): StackUrls | undefined {
  const urls = { global: env[TEST_URL_ENV.global], east: env[TEST_URL_ENV.east], west: env[TEST_URL_ENV.west] };
  const set = Object.values(urls).filter(Boolean).length;
  if (set === 0) return undefined;
  if (set < 3) throw new Error(`Set all of ${Object.values(TEST_URL_ENV).join(", ")} or none of them.`);
  return urls as StackUrls;
}

export function stackUrlsToEnv(urls: StackUrls): Record<string, string> {
  return { [TEST_URL_ENV.global]: urls.global, [TEST_URL_ENV.east]: urls.east, [TEST_URL_ENV.west]: urls.west };
}

/** URLs from env, else those of the stack the test setup starts on the test ports. */
export function expectedTestStackUrls(env: NodeJS.ProcessEnv = process.env): StackUrls {
  const ports = testStackPorts(env);
  const url = (port: number) => `http://${HOST}:${port}`;
  return stackUrlsFromEnv(env) ?? { global: url(ports.global), east: url(ports.east), west: url(ports.west) };
}

/** The app's URL in e2e runs (E2E_PORT, 13000 by default). */
export function e2eBaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  return `http://${HOST}:${Number(env.E2E_PORT ?? 13000)}`;
}

/**
 * Writes e2e/.generated/orrery.config.json: the stack, plus `down` (a closed port), a secret on `west`,
 * and the `auth` section (secret, public URL, the test identity provider).
 */
export function writeE2eAppConfig(env: NodeJS.ProcessEnv = process.env): string {
  const datasources: AppDatasource[] = stackDatasources(expectedTestStackUrls(env)).map((ds) =>
    ds.id === "west" ? { ...ds, auth: { bearerToken: E2E_SECRET_TOKEN } } : ds,
  );
  datasources.push({ id: "down", name: "Down (nothing listens)", type: "prometheus", url: `http://${HOST}:${downDatasourcePort(env)}`, timeout: "5s" });
  return writeAppConfig(E2E_APP_CONFIG, datasources, { auth: e2eAuthConfig(e2eBaseUrl(env)) });
}
