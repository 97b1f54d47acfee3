import { createServer } from "node:net";

export const HOST = "127.0.0.1";

/** Resolves when nothing listens on 127.0.0.1:port; otherwise throws an error naming the port and its owner. */
export async function assertPortFree(port: number, what: string): Promise<void> {
  if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    throw new Error(`Invalid port ${port} for ${what}.`);
  }
  const busy = await new Promise<NodeJS.ErrnoException | undefined>((resolve) => {
    const probe = createServer();
    probe.once("error", (err: NodeJS.ErrnoException) => resolve(err));
    probe.listen({ port, host: HOST, exclusive: true }, () => probe.close(() => resolve(undefined)));
  });
  if (busy) {
    throw new Error(
      `Port ${port} on ${HOST} (wanted for ${what}) is not available: ${busy.code ?? busy.message}. ` +
        `Something else is listening there (see: ss -ltnp 'sport = :${port}'); stop it or choose another port. ` +
        `Orrery never reuses a busy port.`,
    );
  }
}

/** Asks the kernel for a currently free port on 127.0.0.1 (for tests that need a scratch server). */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen({ port: 0, host: HOST }, () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error("no free port"))));
    });
  });
}

export interface HttpResult {
  status: number;
  text: string;
}

/** GET with a short timeout; undefined when the server cannot be reached at all. */
export async function httpGet(url: string, timeoutMs = 2_000): Promise<HttpResult | undefined> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), cache: "no-store" });
    return { status: res.status, text: await res.text() };
  } catch {
    return undefined;
  }
}

export interface PollOptions {
  timeoutMs: number;
  intervalMs?: number;
  /** Called before every attempt; throw from it to give up early (e.g. the process died). */
  check?: () => void;
}

/** Retries `attempt` until it returns a value other than undefined; never a fixed sleep. */
export async function pollUntil<T>(
  what: string,
  attempt: () => Promise<T | undefined>,
  opts: PollOptions,
): Promise<T> {
  const deadline = Date.now() + opts.timeoutMs;
  const intervalMs = opts.intervalMs ?? 200;
  for (;;) {
    opts.check?.();
    const value = await attempt();
    if (value !== undefined) return value;
    if (Date.now() >= deadline) {
      throw new Error(`Timed out after ${Math.round(opts.timeoutMs / 1000)} s waiting for ${what}.`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
