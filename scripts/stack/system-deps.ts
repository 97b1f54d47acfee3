import { spawnSync } from "node:child_process";
import { accessSync, constants, existsSync } from "node:fs";
import { delimiter, join } from "node:path";

/** Absolute path of an executable on PATH (plus the sbin folders sudo-less shells often miss). */
export function findExecutable(name: string): string | undefined {
  const dirs = [...(process.env.PATH ?? "").split(delimiter), "/usr/sbin", "/sbin"].filter(Boolean);
  for (const dir of dirs) {
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** The Chromium that Playwright is told to use (it never downloads its own). */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
}

export interface SystemRequirement {
  what: string;
  aptPackage: string;
  present: () => boolean;
}

export const PROMETHEUS_REQUIREMENT: SystemRequirement = {
  what: "prometheus binary",
  aptPackage: "prometheus",
  present: () => Boolean(process.env.PROMETHEUS_BIN ?? findExecutable("prometheus")),
};

export const CHROMIUM_REQUIREMENT: SystemRequirement = {
  what: "Chromium for Playwright",
  aptPackage: "chromium",
  present: () => existsSync(chromiumPath()),
};

/** Redis (the shared cache/rate-limit backend, issue 9): tests start their own redis-server on a loopback port. */
export const REDIS_REQUIREMENT: SystemRequirement = {
  what: "redis-server binary",
  aptPackage: "redis-server",
  present: () => Boolean(process.env.REDIS_SERVER_BIN ?? findExecutable("redis-server")),
};

/** PostgreSQL server binaries (initdb, postgres): tests start their own cluster in a temp dir. */
export const POSTGRES_REQUIREMENT: SystemRequirement = {
  what: "PostgreSQL server (initdb, postgres)",
  aptPackage: "postgresql",
  present: () => Boolean(postgresBinDir()),
};

/** The folder holding initdb/postgres: POSTGRES_BIN_DIR, else the newest /usr/lib/postgresql/<v>/bin, else PATH. */
export function postgresBinDir(): string | undefined {
  if (process.env.POSTGRES_BIN_DIR) return process.env.POSTGRES_BIN_DIR;
  for (const v of ["17", "16", "15", "14", "13"]) {
    const dir = `/usr/lib/postgresql/${v}/bin`;
    if (existsSync(join(dir, "initdb")) && existsSync(join(dir, "postgres"))) return dir;
  }
  const initdb = findExecutable("initdb");
  const postgres = findExecutable("postgres");
  if (initdb && postgres) return initdb.slice(0, initdb.lastIndexOf("/"));
  return undefined;
}

function run(command: string, args: string[], cwd?: string): boolean {
  const res = spawnSync(command, args, {
    cwd,
    stdio: "inherit",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
  return res.status === 0;
}

/**
 * Installs missing apt packages when we are root on an apt system; otherwise prints exactly what
 * to install. Returns the requirements that are still missing afterwards.
 */
export function ensureSystemPackages(reqs: SystemRequirement[], log: (msg: string) => void = console.log): SystemRequirement[] {
  const missing = reqs.filter((r) => !r.present());
  if (missing.length === 0) return [];
  const packages = missing.map((r) => r.aptPackage);
  const command = `apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y ${packages.join(" ")}`;
  const isRoot = process.getuid?.() === 0;
  if (isRoot && findExecutable("apt-get")) {
    log(`Installing missing system packages: ${packages.join(", ")} (${command})`);
    if (!run("apt-get", ["update"]) || !run("apt-get", ["install", "-y", ...packages])) {
      log(`apt-get failed; install by hand: ${command}`);
    }
  } else {
    const why = isRoot ? "apt-get is not available" : "not running as root";
    log(
      `Missing: ${missing.map((r) => `${r.what} (apt package "${r.aptPackage}")`).join(", ")}. ` +
        `Cannot install automatically (${why}). Run as root: ${command}`,
    );
  }
  return missing.filter((r) => !r.present());
}

/** Runs `npm ci` when node_modules is missing or incomplete (a fresh checkout). */
export function ensureNodeModules(root: string, log: (msg: string) => void = console.log): void {
  if (existsSync(join(root, "node_modules", ".bin", "next"))) return;
  log("node_modules is missing: running npm ci");
  if (!run("npm", ["ci", "--no-audit", "--no-fund"], root)) throw new Error("npm ci failed");
}
