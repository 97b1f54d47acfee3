import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig } from "@playwright/test";
import { ADMIN_STORAGE_STATE } from "./e2e/auth";
import { chromiumPath, writeE2eAppConfig } from "./scripts/stack";
import { E2E_ADMIN_PASSWORD } from "./test/oidc/e2e-config";

const PORT = Number(process.env.E2E_PORT ?? 13000);
const baseURL = `http://127.0.0.1:${PORT}`;

// Written here, synchronously, because Playwright starts the webServer before globalSetup runs;
// the URLs are known up front (env from `npm test`, else the fixed test ports globalSetup will use).
const appConfigFile = writeE2eAppConfig();
// A fresh data folder per run (dashboards, users, tokens). Created once: workers re-evaluate this file but inherit the env.
process.env.ORRERY_E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), "orrery-e2e-data-"));

export default defineConfig({
  testDir: "./e2e",
  outputDir: "test-results",
  timeout: 30_000,
  retries: 0,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  // `npm test` overrides the JSON path with PLAYWRIGHT_JSON_OUTPUT_FILE.
  reporter: [["list"], ["json", { outputFile: "playwright-report/results.json" }]],
  globalSetup: "./e2e/global-setup.ts",
  use: {
    baseURL,
    // Signed in as admin by globalSetup (the real credentials sign-in); auth specs opt out with SIGNED_OUT.
    storageState: ADMIN_STORAGE_STATE,
    browserName: "chromium",
    viewport: { width: 1280, height: 800 },
    timezoneId: "UTC",
    serviceWorkers: "block",
    trace: "retain-on-failure",
    launchOptions: {
      // Never let Playwright download a browser: CI has no access to its CDN.
      executablePath: chromiumPath(),
      args: [
        "--no-sandbox",
        "--headless",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  webServer: {
    command: `./node_modules/.bin/next start -H 127.0.0.1 -p ${PORT}`,
    url: baseURL,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "pipe",
    stderr: "pipe",
    // `next start` is production: the config's auth section gives the secret and URL; admin's password comes from here.
    // With ORRERY_E2E_DATABASE_URL the server runs on PostgreSQL (test/pg/serve.ts starts one): the same specs, the other store.
    env: {
      ORRERY_CONFIG: appConfigFile,
      ORRERY_DATA_DIR: process.env.ORRERY_E2E_DATA_DIR,
      ORRERY_ADMIN_PASSWORD: E2E_ADMIN_PASSWORD,
      NEXT_TELEMETRY_DISABLED: "1",
      ...(process.env.ORRERY_E2E_DATABASE_URL ? { ORRERY_DATABASE_URL: process.env.ORRERY_E2E_DATABASE_URL } : {}),
    },
  },
});
