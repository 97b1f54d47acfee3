import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import { chownSync, closeSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { postgresBinDir } from "../../scripts/stack/system-deps";
import { assertPortFree } from "../../scripts/stack/net";

/**
 * A real PostgreSQL server for tests: a fresh cluster (initdb) in a temp folder, listening on
 * 127.0.0.1 at a port of this run's range (ORRERY_TEST_PORT_BASE + 300 and up, the next one when
 * taken), trust authentication for user `postgres`, fsync off. Postgres refuses to run as root,
 * so as root the cluster belongs to the system user `postgres` and the processes run as it.
 * Reusable: `const server = await startPostgres()` ... `await server.destroy()`.
 */
export interface PostgresServer {
  readonly port: number;
  readonly dir: string;
  /** `postgres://postgres@127.0.0.1:<port>/<database>`. */
  url(database?: string): string;
  /** Creates a fresh, empty database and returns its URL; names are made unique per server. */
  createDatabase(prefix?: string): Promise<string>;
  /** Stops the server: "fast" (clean shutdown) or "immediate" (like a crash: recovery from WAL at the next start). */
  stop(mode?: "fast" | "immediate"): Promise<void>;
  /** Starts it again on the same folder and port. */
  start(): Promise<void>;
  isRunning(): boolean;
  /** Stops it and removes its folder. */
  destroy(): Promise<void>;
}

// Clear of the stack's ports (base, +1, +2, the never-listening "down" datasource at +9, exporters at +111/+112).
const PORT_OFFSET = 300;
const PORT_TRIES = 40;

function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
  const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
  if (!Number.isInteger(uid) || !Number.isInteger(gid)) throw new Error("tests run as root, and PostgreSQL needs the system user `postgres` (apt-get install postgresql creates it)");
  return { uid, gid };
}

function binary(name: string): string {
  const dir = postgresBinDir();
  if (!dir) throw new Error("PostgreSQL server binaries not found: apt-get install postgresql (or set POSTGRES_BIN_DIR)");
  return path.join(dir, name);
}

let counter = 0;
const CHILD_ENV = { PATH: process.env.PATH ?? "/usr/bin:/bin", LANG: "C" } as unknown as NodeJS.ProcessEnv;

/** Initialises a cluster and starts it; see PostgresServer. */
export async function startPostgres(options: { portBase?: number } = {}): Promise<PostgresServer> {
  const owner = runAs();
  const root = mkdtempSync(path.join(tmpdir(), "orrery-pg-"));
  const dir = path.join(root, "data");
  if (owner) chownSync(root, owner.uid, owner.gid);
  const init = spawnSync(binary("initdb"), ["-D", dir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"], {
    ...(owner ?? {}),
    encoding: "utf8",
    env: CHILD_ENV,
  });
  if (init.status !== 0) throw new Error(`initdb failed (${init.status}): ${init.stderr || init.stdout}`);

  const base = (options.portBase ?? Number(process.env.ORRERY_TEST_PORT_BASE ?? 29090)) + PORT_OFFSET;
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  let port = 0;
  const log = path.join(root, "postgres.log");

  const launch = async (candidate: number): Promise<"ok" | "port-taken"> => {
    const fd = openSync(log, "a");
    if (owner) chownSync(log, owner.uid, owner.gid);
    const proc: ChildProcess = spawn(
      binary("postgres"),
      ["-D", dir, "-p", String(candidate), "-k", root, "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "max_connections=200", "-c", "shared_buffers=16MB"],
      { ...(owner ?? {}), stdio: ["ignore", fd, fd], env: CHILD_ENV },
    );
    closeSync(fd);
    child = proc;
    let done = false;
    exited = new Promise((resolve) => proc.once("exit", () => ((done = true), resolve())));
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (done) {
        const text = readFileSync(log, "utf8");
        if (/could not bind|Address already in use|could not create any TCP\/IP sockets/.test(text)) return "port-taken";
        throw new Error(`postgres exited during start-up:\n${text.slice(-2000)}`);
      }
      const client = new pg.Client({ host: "127.0.0.1", port: candidate, user: "postgres", database: "postgres", connectionTimeoutMillis: 2_000 });
      const ok = await client.connect().then(
        () => true,
        () => false,
      );
      await client.end().catch(() => undefined);
      if (ok) return "ok";
      if (Date.now() > deadline) throw new Error(`postgres did not accept connections on ${candidate} within 60 s:\n${readFileSync(log, "utf8").slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  for (let i = 0; i < PORT_TRIES && port === 0; i++) {
    const candidate = base + i;
    if (!(await assertPortFree(candidate, "test PostgreSQL").then(() => true, () => false))) continue;
    if ((await launch(candidate)) === "ok") port = candidate;
  }
  if (port === 0) throw new Error(`no free port for PostgreSQL in ${base}-${base + PORT_TRIES - 1}`);

  const kill = () => child?.exitCode === null && child.signalCode === null && child.kill("SIGQUIT");
  process.once("exit", kill);

  const url = (database = "postgres") => `postgres://postgres@127.0.0.1:${port}/${database}`;
  const server: PostgresServer = {
    port,
    dir,
    url,
    async createDatabase(prefix = "t") {
      const name = `${prefix}_${process.pid}_${++counter}`.toLowerCase().replace(/[^a-z0-9_]/g, "_");
      const admin = new pg.Client({ connectionString: url() });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE "${name}" TEMPLATE template0`);
      } finally {
        await admin.end();
      }
      return url(name);
    },
    async stop(mode = "fast") {
      if (!server.isRunning()) return;
      child!.kill(mode === "fast" ? "SIGINT" : "SIGQUIT");
      await exited;
    },
    async start() {
      if (server.isRunning()) return;
      if ((await launch(port)) !== "ok") throw new Error(`port ${port} was taken while PostgreSQL was stopped`);
    },
    isRunning: () => child !== undefined && child.exitCode === null && child.signalCode === null,
    async destroy() {
      await server.stop("immediate");
      process.removeListener("exit", kill);
      rmSync(root, { recursive: true, force: true });
    },
  };
  return server;
}
