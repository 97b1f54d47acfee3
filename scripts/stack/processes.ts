import { spawn } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
import { assertPortFree, httpGet, pollUntil } from "./net";

/** Marks every child with the stack folder it belongs to, so a later run can find its own orphans. */
export const OWNER_ENV = "ORRERY_STACK_OWNER";

export interface ServiceSpec {
  name: string;
  port: number;
  command: string;
  args: string[];
  cwd?: string;
  env?: Record<string, string | undefined>;
  /** Output goes to this file; without it the child shares our stdout/stderr. */
  logFile?: string;
  /** Polled until it answers 200 (or `isReady` accepts the body). */
  readyUrl: string;
  isReady?: (body: string) => boolean;
  readyTimeoutMs?: number;
  owner?: string;
  /** Called right after the child is spawned (before readiness), e.g. to record its pid. */
  onSpawn?: () => void;
}

export interface Service {
  readonly name: string;
  readonly port: number;
  pid(): number | undefined;
  isRunning(): boolean;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Resolves when the current process exits on its own or is stopped. */
  exited(): Promise<void>;
}

interface Running {
  pid: number;
  exitCode: number | null | undefined;
  exited: Promise<void>;
}

const live = new Map<number, string>();
let handlersInstalled = false;

function signalGroup(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

// Children run in their own process groups (so we can kill `next start` together with its
// `next-server`), which also means a Ctrl-C in the terminal no longer reaches them: we must.
function installExitHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on("exit", () => {
    for (const pid of live.keys()) signalGroup(pid, "SIGTERM");
  });
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    const onSignal = () => {
      for (const pid of live.keys()) signalGroup(pid, "SIGTERM");
      // Only exit if nobody else (demo.ts, vitest) handles the signal; they decide how to shut down.
      if (process.listenerCount(signal) === 1) process.exit(signal === "SIGINT" ? 130 : 143);
    };
    process.on(signal, onSignal);
  }
}

/** Kills leftovers of an earlier run (its parent got SIGKILL), but only pids that carry our owner mark. */
export async function reapOrphans(pids: number[], owner: string): Promise<number[]> {
  const ours = pids.filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/environ`, "utf8").split("\0").includes(`${OWNER_ENV}=${owner}`);
    } catch {
      return false; // gone already, or not ours to read
    }
  });
  for (const pid of ours) signalGroup(pid, "SIGKILL");
  await Promise.all(ours.map((pid) => waitGroupGone(pid, 5_000)));
  return ours;
}

export function tailOf(file: string | undefined, lines = 15): string {
  if (!file || !existsSync(file)) return "";
  const text = readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  return text ? `\n--- last lines of ${file} ---\n${text}` : "";
}

async function waitGroupGone(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (signalGroup(pid, 0)) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}

/** A long-running child in its own process group that refuses busy ports and waits for readiness. */
export function createService(spec: ServiceSpec): Service {
  let current: Running | undefined;
  let spawnError: Error | undefined;

  function spawnChild(): Running {
    let fd: number | undefined;
    if (spec.logFile) {
      mkdirSync(dirname(spec.logFile), { recursive: true });
      fd = openSync(spec.logFile, "a");
    }
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: { ...process.env, ...spec.env, ...(spec.owner ? { [OWNER_ENV]: spec.owner } : {}) },
      detached: true,
      stdio: fd === undefined ? ["ignore", "inherit", "inherit"] : ["ignore", fd, fd],
    });
    if (fd !== undefined) closeSync(fd);
    const running: Running = { pid: child.pid ?? -1, exitCode: undefined, exited: Promise.resolve() };
    running.exited = new Promise((resolve) => {
      child.once("error", (err) => {
        running.exitCode = -1;
        spawnError = err;
        resolve();
      });
      child.once("exit", (code, signal) => {
        running.exitCode = code ?? (signal ? -1 : null);
        resolve();
      });
    });
    if (child.pid) {
      const pid = child.pid;
      live.set(pid, spec.name);
      void running.exited.then(() => {
        if (!signalGroup(pid, 0)) live.delete(pid);
      });
    }
    return running;
  }

  async function start(): Promise<void> {
    if (current && current.exitCode === undefined) return;
    await assertPortFree(spec.port, spec.name);
    installExitHandlers();
    spawnError = undefined;
    const running = spawnChild();
    current = running;
    spec.onSpawn?.();
    try {
      await pollUntil(
        `${spec.name} at ${spec.readyUrl}`,
        async () => {
          const res = await httpGet(spec.readyUrl);
          return res?.status === 200 && (spec.isReady?.(res.text) ?? true) ? true : undefined;
        },
        {
          timeoutMs: spec.readyTimeoutMs ?? 30_000,
          check: () => {
            if (running.exitCode !== undefined) {
              const why = spawnError ? `could not be started (${spawnError.message})` : `exited with code ${running.exitCode}`;
              throw new Error(`${spec.name} (${spec.command}) ${why} before it was ready.`);
            }
          },
        },
      );
    } catch (err) {
      await stop();
      throw new Error(`${(err as Error).message}${tailOf(spec.logFile)}`, { cause: err });
    }
  }

  async function stop(): Promise<void> {
    const running = current;
    if (!running || running.pid <= 0) return;
    signalGroup(running.pid, "SIGTERM");
    // A group member (next-server) may outlive the leader, so wait for the whole group.
    const timeout = new Promise<void>((r) => setTimeout(r, 10_000).unref());
    await Promise.race([running.exited, timeout]);
    if (!(await waitGroupGone(running.pid, 5_000))) {
      signalGroup(running.pid, "SIGKILL");
      await running.exited;
      await waitGroupGone(running.pid, 5_000);
    }
    live.delete(running.pid);
    // Let this process see the FIN on its pooled keep-alive sockets to the server before the caller's
    // next request; otherwise that request can hit ECONNRESET instead of ECONNREFUSED.
    await new Promise((r) => setTimeout(r, 50));
  }

  return {
    name: spec.name,
    port: spec.port,
    pid: () => current?.pid,
    isRunning: () => current !== undefined && current.exitCode === undefined,
    start,
    stop,
    exited: () => current?.exited ?? Promise.resolve(),
  };
}
