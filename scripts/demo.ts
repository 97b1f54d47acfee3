// `npm run demo`: a real Prometheus federation (global + east/west leaves + demo exporters, node
// exporter when installed) in .demo/ (data survives between runs), then the production app.
// Ctrl-C stops everything it started. A busy port is reported, never reused.
//
// Environment (defaults in brackets):
//   PORT                            app port [3000], served on 127.0.0.1
//   ORRERY_DEMO_GLOBAL_PORT         global Prometheus [19090]
//   ORRERY_DEMO_EAST_PORT           east leaf Prometheus [19091]
//   ORRERY_DEMO_WEST_PORT           west leaf Prometheus [19092]
//   ORRERY_DEMO_EXPORTER_EAST_PORT  east demo exporter [19201]
//   ORRERY_DEMO_EXPORTER_WEST_PORT  west demo exporter [19202]
//   ORRERY_DEMO_NODE_EXPORTER_PORT  prometheus-node-exporter [19100]; 0 turns it off
//   ORRERY_DEMO_KNATIVE_EAST_PORT   Knative simulator, OpenCensus names, scraped by east [19211]
//   ORRERY_DEMO_KNATIVE_WEST_PORT   Knative simulator, OpenTelemetry names, scraped by west [19212]
//   ORRERY_DEMO_KNATIVE_HOURS       hours of Knative history backfilled on first start [24]
//   ORRERY_DEMO_DIR                 stack folder [.demo]
//   ORRERY_DEMO_REBUILD=1           always run `next build`
//   ORRERY_THANOS_URL               skip the built-in stack; the app turns this URL into its datasource
//   PROMETHEUS_BIN                  prometheus binary [found on PATH]
//   ORRERY_ADMIN_PASSWORD           password of the `admin` user [generated once into <ORRERY_DEMO_DIR>/admin-password]
//   ORRERY_AUTH_SECRET              session and embed-token secret [generated once into <ORRERY_DEMO_DIR>/auth-secret]
//   ORRERY_DATA_DIR                 saved dashboards and auth state [./data/dashboards, the app's default]
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import {
  assertPortFree,
  createService,
  ensureNodeModules,
  ensureSystemPackages,
  PROMETHEUS_REQUIREMENT,
  REPO_ROOT,
  type Stack,
  stackDatasources,
  startStack,
  writeAppConfig,
} from "./stack";

function portFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  const port = raw === undefined || raw === "" ? fallback : Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`${name} must be a port number, got "${raw}"`);
  return port;
}

function hoursFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  const hours = raw === undefined || raw === "" ? fallback : Number(raw);
  if (!Number.isFinite(hours) || hours < 0 || hours > 24 * 14) throw new Error(`${name} must be a number of hours from 0 to 336, got "${raw}"`);
  return hours;
}

/** Newest mtime under the given paths (files or folders), ignoring missing ones. */
function newestMtimeMs(paths: string[]): number {
  let newest = 0;
  for (const path of paths) {
    if (!existsSync(path)) continue;
    const stat = statSync(path);
    if (stat.isDirectory()) {
      newest = Math.max(newest, stat.mtimeMs, newestMtimeMs(readdirSync(path).map((entry) => join(path, entry))));
    } else {
      newest = Math.max(newest, stat.mtimeMs);
    }
  }
  return newest;
}

/** The variable's value, else the one stored in `file`, else a new random one stored there (mode 0600). */
function secretFromEnvOrFile(name: string, file: string, bytes: number): { value: string; source: string } {
  const fromEnv = process.env[name];
  if (fromEnv) return { value: fromEnv, source: name };
  if (existsSync(file)) return { value: readFileSync(file, "utf8").trim(), source: file };
  mkdirSync(resolve(file, ".."), { recursive: true });
  const value = randomBytes(bytes).toString("base64url");
  writeFileSync(file, `${value}\n`, { mode: 0o600 });
  return { value, source: `${file} (new)` };
}

function buildIsCurrent(): boolean {
  const buildId = join(REPO_ROOT, ".next", "BUILD_ID");
  if (process.env.ORRERY_DEMO_REBUILD === "1" || !existsSync(buildId)) return false;
  const inputs = ["app", "components", "lib", "public", "package-lock.json", "next.config.js", "tsconfig.json", "postcss.config.mjs"];
  return statSync(buildId).mtimeMs > newestMtimeMs(inputs.map((p) => join(REPO_ROOT, p)));
}

async function main(): Promise<void> {
  const log = (msg: string) => console.log(`[demo] ${msg}`);
  ensureNodeModules(REPO_ROOT, log);
  const appPort = portFromEnv("PORT", 3000);
  const thanosUrl = process.env.ORRERY_THANOS_URL;
  const stackDir = resolve(REPO_ROOT, process.env.ORRERY_DEMO_DIR ?? ".demo");
  const configFile = join(stackDir, "orrery.config.json");

  if (!thanosUrl && ensureSystemPackages([PROMETHEUS_REQUIREMENT], log).length > 0) {
    throw new Error("Prometheus is required for the demo stack (or set ORRERY_THANOS_URL to use your own).");
  }
  await assertPortFree(appPort, "the Orrery app (PORT)");

  // `next start` is production: sign-in needs a secret and the public URL; `admin` is created on first start.
  const appUrl = `http://127.0.0.1:${appPort}`;
  const adminPassword = secretFromEnvOrFile("ORRERY_ADMIN_PASSWORD", join(stackDir, "admin-password"), 12);
  const authSecret = secretFromEnvOrFile("ORRERY_AUTH_SECRET", join(stackDir, "auth-secret"), 32);
  const dataDir = process.env.ORRERY_DATA_DIR || "./data/dashboards";

  let stack: Stack | undefined;
  const app = createService({
    name: "orrery app",
    port: appPort,
    command: join(REPO_ROOT, "node_modules", ".bin", "next"),
    args: ["start", "-H", "127.0.0.1", "-p", String(appPort)],
    cwd: REPO_ROOT,
    // With ORRERY_THANOS_URL the app gets only that, no config file.
    env: {
      NEXT_TELEMETRY_DISABLED: "1",
      ORRERY_CONFIG: thanosUrl ? undefined : configFile,
      ORRERY_ADMIN_PASSWORD: adminPassword.value,
      ORRERY_AUTH_SECRET: authSecret.value,
      NEXTAUTH_URL: process.env.NEXTAUTH_URL || appUrl,
    },
    // The API needs a session; next-auth's provider list answers without one.
    readyUrl: `${appUrl}/api/auth/providers`,
    readyTimeoutMs: 60_000,
  });
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    log("Stopping…");
    await app.stop();
    await stack?.stop();
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));

  try {
    if (!thanosUrl) {
      const nodePort = portFromEnv("ORRERY_DEMO_NODE_EXPORTER_PORT", 19100);
      stack = await startStack({
        dir: stackDir,
        ports: {
          global: portFromEnv("ORRERY_DEMO_GLOBAL_PORT", 19090),
          east: portFromEnv("ORRERY_DEMO_EAST_PORT", 19091),
          west: portFromEnv("ORRERY_DEMO_WEST_PORT", 19092),
          exporterEast: portFromEnv("ORRERY_DEMO_EXPORTER_EAST_PORT", 19201),
          exporterWest: portFromEnv("ORRERY_DEMO_EXPORTER_WEST_PORT", 19202),
          nodeExporter: nodePort || undefined,
          knativeEast: portFromEnv("ORRERY_DEMO_KNATIVE_EAST_PORT", 19211),
          knativeWest: portFromEnv("ORRERY_DEMO_KNATIVE_WEST_PORT", 19212),
        },
        knativeHistoryHours: hoursFromEnv("ORRERY_DEMO_KNATIVE_HOURS", 24),
        knativeHistoryStep: 60,
        nodeExporter: nodePort > 0,
        retention: "30d",
        log,
      });
      writeAppConfig(configFile, stackDatasources(stack.urls));
      log(`App config: ${configFile}`);
    } else {
      log(`ORRERY_THANOS_URL is set: using ${thanosUrl}, no local stack`);
    }

    if (buildIsCurrent()) {
      log("The production build in .next is newer than the sources: skipping next build");
    } else {
      log("Running next build…");
      const build = spawnSync(join(REPO_ROOT, "node_modules", ".bin", "next"), ["build"], {
        cwd: REPO_ROOT,
        stdio: "inherit",
        env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
      });
      if (build.status !== 0) throw new Error("next build failed (see its output above)");
    }

    log(`Starting next start on 127.0.0.1:${appPort}…`);
    await app.start();
  } catch (err) {
    console.error(`[demo] ${(err as Error).message}`);
    await shutdown(1);
    return;
  }

  const lines = [
    `Orrery:      ${appUrl}`,
    `Sign in:     admin / ${adminPassword.value}   (password from ${adminPassword.source}; set on the first start of ${dataDir} only)`,
    `Explore:     ${appUrl}/explore`,
    `Knative:     ${appUrl}/knative`,
  ];
  if (stack) {
    lines.push(`Prometheus:  global ${stack.urls.global}  east ${stack.urls.east}  west ${stack.urls.west}`);
    lines.push(`Exporters:   east ${stack.exporterUrls.east}/metrics  west ${stack.exporterUrls.west}/metrics`);
    if (stack.nodeExporterUrl) lines.push(`Node:        ${stack.nodeExporterUrl}/metrics`);
    if (stack.knativeUrls) lines.push(`Knative sim: east ${stack.knativeUrls.east}/metrics (OpenCensus)  west ${stack.knativeUrls.west}/metrics (OpenTelemetry)`);
  } else {
    lines.push(`Datasource:  ${thanosUrl}`);
  }
  console.log(`\n${lines.join("\n")}\n\nPress Ctrl-C to stop.`);

  await app.exited();
  if (!stopping) {
    console.error("[demo] The app exited unexpectedly.");
    await shutdown(1);
  }
}

main().catch((err: unknown) => {
  console.error(`[demo] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
