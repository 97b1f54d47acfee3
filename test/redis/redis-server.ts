import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { findExecutable } from "../../scripts/stack/system-deps";

/**
 * A real redis-server for tests, on a loopback port of the test port range: no persistence
 * (`--save "" --appendonly no`), a bounded memory with allkeys-lru as docs/deploy.md advises.
 * `stop()` / `start()` again on the same port simulate an outage and the recovery.
 */
export interface RedisServer {
  url: string;
  port: number;
  start(): Promise<void>;
  stop(): Promise<void>;
  close(): Promise<void>;
}

/** Loopback ports for test Redis servers: ORRERY_TEST_PORT_BASE + 5 + offset (default base 29090). */
export function redisTestPort(offset = 0): number {
  return Number(process.env.ORRERY_TEST_PORT_BASE ?? 29090) + 5 + offset;
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host: "127.0.0.1", port }, () => s.write("PING\r\n"));
    s.setTimeout(500, () => (s.destroy(), resolve(false)));
    s.on("data", (d) => (s.destroy(), resolve(d.toString().startsWith("+PONG"))));
    s.on("error", () => resolve(false));
  });
}

export async function startRedisServer(port = redisTestPort()): Promise<RedisServer> {
  const bin = process.env.REDIS_SERVER_BIN ?? findExecutable("redis-server");
  if (!bin) throw new Error("redis-server is not installed (apt-get install redis-server; `npm test` installs it)");
  const dir = mkdtempSync(path.join(tmpdir(), "orrery-redis-"));
  let child: ChildProcess | undefined;
  let output = "";

  const start = async () => {
    if (await ping(port)) throw new Error(`port ${port} already answers PING: another redis-server is running there (set ORRERY_TEST_PORT_BASE)`);
    output = "";
    child = spawn(bin, ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir, "--maxmemory", "64mb", "--maxmemory-policy", "allkeys-lru"], { stdio: ["ignore", "pipe", "pipe"] });
    child.stdout!.on("data", (d) => (output += d));
    child.stderr!.on("data", (d) => (output += d));
    const exited = new Promise<never>((_, reject) => child!.once("exit", (code) => reject(new Error(`redis-server exited (${code}): ${output.slice(-500)}`))));
    const deadline = Date.now() + 10_000;
    for (;;) {
      if (await Promise.race([ping(port), exited])) return;
      if (Date.now() > deadline) throw new Error(`redis-server did not answer on ${port}: ${output.slice(-500)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const stop = async () => {
    const c = child;
    child = undefined;
    if (!c || c.exitCode !== null) return;
    const gone = new Promise((r) => c.once("exit", r));
    c.kill("SIGKILL");
    await gone;
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    start,
    stop,
    close: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
