import { defineConfig } from "@playwright/test";
import { chromiumPath, writeE2eAppConfig } from "./scripts/stack";

const PORT = Number(process.env.E2E_PORT ?? 13000);
const baseURL = `http://127.0.0.1:${PORT}`;

// Written here, synchronously, because Playwright starts the webServer before globalSetup runs;
// the URLs are known up front (env from `npm test`, else the fixed test ports globalSetup will use).
const appConfigFile = writeE2eAppConfig();

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
    env: { ORRERY_CONFIG: appConfigFile, NEXT_TELEMETRY_DISABLED: "1" },
  },
});
