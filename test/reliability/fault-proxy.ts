// A loopback HTTP proxy in front of a real Prometheus whose fault is switched at runtime, by
// `setFault()` or by `PUT /fault` on its admin listener (JSON body: a Fault). toxiproxy is not
// packaged here, so this is the project's own. It logs every request it receives (and when the
// client's connection closed), so tests can count what reached the upstream and check cancellation.
// Usable from vitest, Playwright specs and the benchmark: it has no test-framework imports.
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** Prometheus's own error types, as `status:"error"` bodies carry them (web/api/v1/api.go). */
export const PROMETHEUS_ERROR_TYPES = ["bad_data", "execution", "timeout", "canceled", "internal", "unavailable", "not_found"] as const;
export type PrometheusErrorType = (typeof PROMETHEUS_ERROR_TYPES)[number];

/** The HTTP status Prometheus answers each error type with (api.go `returnAPIError`). */
export const PROMETHEUS_ERROR_STATUS: Record<PrometheusErrorType, number> = {
  bad_data: 400,
  execution: 422,
  timeout: 503,
  canceled: 503,
  internal: 500,
  unavailable: 503,
  not_found: 404,
};

export type Fault =
  | { kind: "none" }
  /** Closes the listener: new connections are refused (ECONNREFUSED) until the fault clears. */
  | { kind: "refuse" }
  /** Forwards the status line and part of the body, then resets the connection. */
  | { kind: "reset" }
  /** Accepts the request and never answers. */
  | { kind: "hang" }
  /** Waits `latencyMs` before forwarding; then sends the body at `bytesPerSecond` (if set). */
  | { kind: "slow"; latencyMs: number; bytesPerSecond?: number }
  /** Answers with this HTTP status and a plain-text body (500/503/429...; 429 and 503 carry Retry-After). */
  | { kind: "status"; status: number }
  /** The upstream's answer cut in half, with a content-length that claims less, so the message is complete but the JSON is not. */
  | { kind: "truncated" }
  /** An HTML page with status 200 (a misconfigured ingress, a login wall). */
  | { kind: "non-json" }
  /** `{status:"error", errorType, error}` with Prometheus's status for that type. */
  | { kind: "prom-error"; errorType: PrometheusErrorType }
  /** A valid answer of about `bytes` bytes (a matrix of many series), streamed. */
  | { kind: "huge"; bytes: number }
  /** The upstream's answer plus a Thanos partial-response warning. */
  | { kind: "partial-response" };

export interface FaultLogEntry {
  method: string;
  url: string;
  /** Path without the query string. */
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  fault: Fault["kind"];
  receivedAt: number;
  /** When the client's connection for this request closed (performance.now() ms), if it did. */
  closedAt?: number;
  /** Whether the proxy finished its answer before the client's side closed. */
  answered: boolean;
}

export const PARTIAL_RESPONSE_WARNING = "No StoreAPIs matched for this query; partial response: store 10.0.0.9:10901 unavailable";
export const NON_JSON_BODY = "<!doctype html><html><body><h1>502 Bad Gateway</h1><p>nginx</p></body></html>";

export interface FaultProxy {
  /** The URL to configure as the datasource. */
  url: string;
  port: number;
  /** The admin listener: `PUT <adminUrl>/fault` with a Fault as JSON; `GET <adminUrl>/log`. */
  adminUrl: string;
  log: FaultLogEntry[];
  fault(): Fault;
  setFault(fault: Fault): Promise<void>;
  /** Sockets currently open from clients (Orrery's pool). */
  openConnections(): number;
  close(): Promise<void>;
}

export interface FaultProxyOptions {
  /** Base URL of the real Prometheus. */
  target: string;
  port?: number;
  adminPort?: number;
  host?: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => resolve(body));
    req.on("error", () => resolve(body));
  });
}

/** Forwards the request to the real Prometheus (identity encoding, so faults can cut the bytes). */
function forward(target: string, req: http.IncomingMessage, body: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  const url = new URL(req.url ?? "/", target);
  const headers: http.OutgoingHttpHeaders = { accept: "application/json" };
  if (req.headers["content-type"]) headers["content-type"] = req.headers["content-type"];
  if (body) headers["content-length"] = Buffer.byteLength(body);
  return new Promise((resolve, reject) => {
    const up = http.request(url, { method: req.method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on("error", reject);
    });
    up.on("error", reject);
    up.end(body || undefined);
  });
}

async function writeThrottled(res: http.ServerResponse, body: Buffer, bytesPerSecond: number): Promise<void> {
  const chunk = Math.max(1, Math.floor(bytesPerSecond / 10));
  for (let i = 0; i < body.length && !res.destroyed; i += chunk) {
    res.write(body.subarray(i, i + chunk));
    await sleep(100);
  }
  res.end();
}

/** Streams a valid matrix of about `bytes` bytes without holding it in memory. */
async function writeHuge(res: http.ServerResponse, bytes: number): Promise<void> {
  res.writeHead(200, { "content-type": "application/json" });
  res.write('{"status":"success","data":{"resultType":"matrix","result":[');
  let written = 0;
  const values = Array.from({ length: 50 }, (_, i) => `[${1_700_000_000 + i * 15},"${i}"]`).join(",");
  // Written in ~64 KiB chunks: one write per ~1 KiB series made the generator, not the proxy under
  // test, the bottleneck on a loaded machine (300 MB took longer than the datasource's timeout).
  let chunk = "";
  for (let i = 0; written < bytes && !res.destroyed; i++) {
    const series = `${i ? "," : ""}{"metric":{"__name__":"huge","i":"${i}"},"values":[${values}]}`;
    written += series.length;
    chunk += series;
    if (chunk.length < 64 * 1024 && written < bytes) continue;
    const flushed = res.write(chunk);
    chunk = "";
    if (!flushed) await new Promise((r) => res.once("drain", r));
  }
  res.end("]}}");
}

async function answer(fault: Fault, target: string, req: http.IncomingMessage, res: http.ServerResponse, body: string): Promise<void> {
  switch (fault.kind) {
    case "hang":
      return; // the socket stays open until the client gives up
    case "reset": {
      const up = await forward(target, req, body);
      res.writeHead(up.status, { "content-type": "application/json", "content-length": up.body.length });
      res.write(up.body.subarray(0, Math.max(1, Math.floor(up.body.length / 2))));
      await sleep(20);
      res.socket?.resetAndDestroy();
      return;
    }
    case "status": {
      const headers: http.OutgoingHttpHeaders = { "content-type": "text/plain" };
      if (fault.status === 429 || fault.status === 503) headers["retry-after"] = "7";
      res.writeHead(fault.status, headers);
      res.end(`${fault.status} ${http.STATUS_CODES[fault.status] ?? ""} (fault proxy)\n`);
      return;
    }
    case "truncated": {
      const up = await forward(target, req, body);
      const cut = up.body.subarray(0, Math.max(1, Math.floor(up.body.length / 2)));
      res.writeHead(up.status, { "content-type": "application/json", "content-length": cut.length });
      res.end(cut);
      return;
    }
    case "non-json":
      res.writeHead(200, { "content-type": "text/html" });
      res.end(NON_JSON_BODY);
      return;
    case "prom-error": {
      res.writeHead(PROMETHEUS_ERROR_STATUS[fault.errorType], { "content-type": "application/json" });
      res.end(JSON.stringify({ status: "error", errorType: fault.errorType, error: `fault proxy: injected ${fault.errorType} error` }));
      return;
    }
    case "huge":
      return writeHuge(res, fault.bytes);
    case "partial-response": {
      const up = await forward(target, req, body);
      const json = JSON.parse(up.body.toString("utf8")) as { warnings?: string[] };
      json.warnings = [...(json.warnings ?? []), PARTIAL_RESPONSE_WARNING];
      res.writeHead(up.status, { "content-type": "application/json" });
      res.end(JSON.stringify(json));
      return;
    }
    case "slow": {
      await sleep(fault.latencyMs);
      if (res.destroyed) return;
      const up = await forward(target, req, body);
      res.writeHead(up.status, { "content-type": "application/json", "content-length": up.body.length });
      if (fault.bytesPerSecond) return writeThrottled(res, up.body, fault.bytesPerSecond);
      res.end(up.body);
      return;
    }
    case "none":
    case "refuse": {
      const up = await forward(target, req, body);
      // Set-Cookie on every healthy answer: tests check Orrery never relays it.
      res.writeHead(up.status, { "content-type": up.headers["content-type"] ?? "application/json", "set-cookie": "upstream_session=leak; Path=/" });
      res.end(up.body);
      return;
    }
  }
}

/** Starts the fault proxy on `port` (0 = any) with an admin listener; no fault at first. */
export async function startFaultProxy(opts: FaultProxyOptions): Promise<FaultProxy> {
  const host = opts.host ?? "127.0.0.1";
  let current: Fault = { kind: "none" };
  const log: FaultLogEntry[] = [];
  const sockets = new Set<Socket>();

  const server = http.createServer((req, res) => {
    const entry: FaultLogEntry = {
      method: req.method ?? "",
      url: req.url ?? "",
      path: (req.url ?? "").split("?")[0]!,
      headers: req.headers,
      body: "",
      fault: current.kind,
      receivedAt: performance.now(),
      answered: false,
    };
    log.push(entry);
    const fault = current;
    res.on("close", () => (entry.closedAt ??= performance.now()));
    res.on("finish", () => (entry.answered = true));
    void readBody(req).then(async (body) => {
      entry.body = body;
      try {
        await answer(fault, opts.target, req, res, body);
      } catch (e) {
        if (!res.headersSent) res.writeHead(599, { "content-type": "text/plain" });
        res.end(`fault proxy could not reach its target: ${(e as Error).message}`);
      }
    });
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });

  const listen = (p: number) => new Promise<number>((resolve, reject) => {
    server.once("error", reject);
    server.listen({ port: p, host, exclusive: true }, () => {
      server.off("error", reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
  const port = await listen(opts.port ?? 0);
  let listening = true;

  async function setFault(fault: Fault): Promise<void> {
    if (fault.kind === "refuse" && listening) {
      listening = false;
      await new Promise<void>((r) => {
        server.close(() => r());
        for (const s of sockets) s.destroy();
      });
    } else if (fault.kind !== "refuse" && !listening) {
      await listen(port);
      listening = true;
    }
    if (fault.kind !== current.kind) for (const s of sockets) if (!s.destroyed) s.destroy(); // no keep-alive socket outlives a fault
    current = fault;
  }

  const admin = http.createServer((req, res) => {
    void readBody(req).then(async (body) => {
      try {
        if (req.method === "PUT" && req.url === "/fault") {
          await setFault(JSON.parse(body) as Fault);
          res.writeHead(204).end();
        } else if (req.method === "GET" && req.url === "/log") {
          res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(log));
        } else if (req.method === "GET" && req.url === "/fault") {
          res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(current));
        } else res.writeHead(404).end();
      } catch (e) {
        res.writeHead(400, { "content-type": "text/plain" }).end((e as Error).message);
      }
    });
  });
  await new Promise<void>((r) => admin.listen({ port: opts.adminPort ?? 0, host }, r));
  const adminPort = (admin.address() as AddressInfo).port;

  return {
    url: `http://${host}:${port}`,
    port,
    adminUrl: `http://${host}:${adminPort}`,
    log,
    fault: () => current,
    setFault,
    openConnections: () => sockets.size,
    close: async () => {
      for (const s of sockets) s.destroy();
      await Promise.all([
        listening ? new Promise<void>((r) => server.close(() => r())) : Promise.resolve(),
        new Promise<void>((r) => admin.close(() => r())),
      ]);
    },
  };
}

/** Every fault the matrix exercises (huge kept small here; the hard profile passes a larger size). */
export function faultCatalogue(hugeBytes = 8 * 1024 * 1024): { name: string; fault: Fault }[] {
  return [
    { name: "refuse", fault: { kind: "refuse" } },
    { name: "reset mid-body", fault: { kind: "reset" } },
    { name: "hang", fault: { kind: "hang" } },
    { name: "slow latency", fault: { kind: "slow", latencyMs: 300 } },
    { name: "slow bandwidth", fault: { kind: "slow", latencyMs: 0, bytesPerSecond: 2_000 } },
    { name: "http 500", fault: { kind: "status", status: 500 } },
    { name: "http 503", fault: { kind: "status", status: 503 } },
    { name: "http 429", fault: { kind: "status", status: 429 } },
    { name: "truncated body", fault: { kind: "truncated" } },
    { name: "non-JSON body", fault: { kind: "non-json" } },
    ...PROMETHEUS_ERROR_TYPES.map((errorType) => ({ name: `error ${errorType}`, fault: { kind: "prom-error", errorType } as Fault })),
    { name: "huge response", fault: { kind: "huge", bytes: hugeBytes } },
    { name: "thanos partial response", fault: { kind: "partial-response" } },
  ];
}
