import http from "node:http";

export interface LoadResult {
  /** Latency of each completed request, in milliseconds. */
  latencies: number[];
  requests: number;
  errors: number;
  bytes: number;
  seconds: number;
}

/**
 * A closed-loop load generator (what autocannon does): `connections` keep-alive connections, each
 * sending the next request as soon as the previous answer is fully read, for `seconds`.
 * Requests ask for gzip like a browser; the body is read but not decoded.
 */
export async function runLoad(url: string, connections: number, seconds: number, headers: Record<string, string> = {}): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const latencies: number[] = [];
  let errors = 0;
  let bytes = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const one = () =>
    new Promise<void>((resolve) => {
      const t0 = performance.now();
      const req = http.get(url, { agent, headers: { "accept-encoding": "gzip", ...headers } }, (res) => {
        res.on("data", (c: Buffer) => (bytes += c.length));
        res.on("end", () => {
          if (res.statusCode === 200) latencies.push(performance.now() - t0);
          else errors++;
          resolve();
        });
        res.on("error", () => {
          errors++;
          resolve();
        });
      });
      req.on("error", () => {
        errors++;
        resolve();
      });
    });
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < deadline) await one();
    }),
  );
  agent.destroy();
  const elapsed = (performance.now() - started) / 1000;
  return { latencies, requests: latencies.length, errors, bytes, seconds: elapsed };
}

/** One GET, fully read; resolves with the status, latency, headers and decoded text. */
export async function timedGet(url: string): Promise<{ status: number; ms: number; headers: Headers; text: string }> {
  const t0 = performance.now();
  const res = await fetch(url, { cache: "no-store" });
  const text = await res.text();
  return { status: res.status, ms: performance.now() - t0, headers: res.headers, text };
}
