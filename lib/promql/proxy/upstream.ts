import "server-only";
import http from "node:http";
import https from "node:https";
import type { Datasource } from "@/lib/config/schema";
import { processGlobal } from "@/lib/ops/process-global";
import { ProxyError } from "./envelope";

/** Largest upstream body the proxy buffers; beyond it the request fails with 502. */
export const MAX_UPSTREAM_BYTES = 256 * 1024 * 1024;

// One keep-alive pool per datasource, so repeated queries skip TCP (and TLS) set-up; per server process.
function agentFor(ds: Datasource): http.Agent {
  const agents = processGlobal("upstreamAgents", () => new Map<string, http.Agent>());
  const key = `${ds.id}|${ds.url}`;
  let agent = agents.get(key);
  if (!agent) {
    const options = { keepAlive: true, maxSockets: 64, maxFreeSockets: 16, timeout: 60_000 };
    agent = ds.url.startsWith("https:") ? new https.Agent(options) : new http.Agent(options);
    agents.set(key, agent);
  }
  return agent;
}

const isLoopback = (host: string) => host === "localhost" || host === "[::1]" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);

/**
 * Whether to ask the upstream for gzip. On loopback the bytes cost nothing to move while gzip costs
 * the upstream's CPU (Prometheus: ~2/3 of a 10 MB query_range's time) and ours to undo it, before Next
 * compresses the answer again for the browser; elsewhere gzip saves the network (issue 7 B1).
 */
export function asksForGzip(ds: Pick<Datasource, "url" | "acceptEncoding">): boolean {
  const mode = ds.acceptEncoding ?? "auto";
  if (mode !== "auto") return mode === "gzip";
  return !isLoopback(new URL(ds.url).hostname);
}

export interface UpstreamRequest {
  method: "GET" | "POST";
  /** Path below /api/v1, from the allowlist. */
  path: string;
  params: URLSearchParams;
  signal?: AbortSignal;
}

export interface UpstreamResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The body exactly as received (still gzip-encoded when content-encoding says so). */
  body: Buffer;
}

function authHeaders(ds: Datasource): Record<string, string> {
  if (!ds.auth) return {};
  if ("bearerToken" in ds.auth) return { authorization: `Bearer ${ds.auth.bearerToken}` };
  const { username, password } = ds.auth.basicAuth;
  return { authorization: `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}` };
}

function describeNetworkError(e: NodeJS.ErrnoException): string {
  const byCode: Record<string, string> = {
    ECONNREFUSED: "connection refused",
    ECONNRESET: "connection reset",
    ENOTFOUND: "host not found",
    EAI_AGAIN: "DNS lookup failed",
    EHOSTUNREACH: "host unreachable",
    ENETUNREACH: "network unreachable",
    EPIPE: "connection closed",
  };
  return e.code ? `${byCode[e.code] ?? e.message} (${e.code})` : e.message;
}

/**
 * Sends one request to the datasource's Prometheus HTTP API. The URL is the configured base URL
 * plus an allowlisted path; nothing in the client's request chooses the host. Rejects with
 * ProxyError: 502 unreachable/garbage, 504 after the datasource timeout. Aborts on `signal`.
 */
export async function requestUpstream(ds: Datasource, req: UpstreamRequest): Promise<UpstreamResponse> {
  try {
    return await attempt(ds, req);
  } catch (e) {
    // A pooled keep-alive socket the server closed meanwhile fails at once with a reset; these
    // requests are all reads, so one retry on a fresh connection is safe (as Node's docs advise).
    // Fresh, not pooled: after an idle spell every pooled socket may be stale (an upstream or load
    // balancer closing idle connections after a few seconds, between two dashboard refreshes).
    if (e instanceof StaleSocketError) return attempt(ds, req, true);
    throw e;
  }
}

class StaleSocketError extends ProxyError {}

function attempt(ds: Datasource, req: UpstreamRequest, freshConnection = false): Promise<UpstreamResponse> {
  const url = new URL(`${ds.url}/api/v1/${req.path}`);
  const body = req.method === "POST" ? req.params.toString() : undefined;
  if (req.method === "GET") url.search = req.params.toString();
  const headers: Record<string, string> = {
    ...ds.headers,
    ...authHeaders(ds),
    accept: "application/json",
    "accept-encoding": asksForGzip(ds) ? "gzip" : "identity",
    "user-agent": "orrery",
  };
  if (body !== undefined) {
    headers["content-type"] = "application/x-www-form-urlencoded";
    headers["content-length"] = String(Buffer.byteLength(body));
  }
  const client = url.protocol === "https:" ? https : http;
  const name = `datasource "${ds.id}"`;

  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (err: ProxyError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.signal?.removeEventListener("abort", onAbort);
      // Destroying the socket is what the upstream sees as the connection closing (cancellation).
      upstream.destroy();
      reject(err);
    };
    const timer = setTimeout(() => {
      fail(new ProxyError(504, "timeout", `${name} did not answer within ${ds.timeoutMs / 1000}s (the datasource timeout)`));
    }, ds.timeoutMs);
    const onAbort = () => fail(new ProxyError(499, "bad_data", "the client closed the request"));
    req.signal?.addEventListener("abort", onAbort, { once: true });

    let responded = false;
    const upstream = client.request(url, { method: req.method, headers, agent: freshConnection ? false : agentFor(ds) }, (res) => {
      responded = true;
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_UPSTREAM_BYTES) {
          fail(new ProxyError(502, "bad_response", `${name} returned more than ${MAX_UPSTREAM_BYTES} bytes`));
          return;
        }
        chunks.push(chunk);
      });
      res.on("aborted", () => fail(new ProxyError(502, "bad_response", `${name} closed the connection mid-response (truncated body)`)));
      res.on("error", (e) => fail(new ProxyError(502, "bad_response", `${name} failed mid-response: ${describeNetworkError(e)}`)));
      res.on("end", () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        req.signal?.removeEventListener("abort", onAbort);
        resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) });
      });
    });
    upstream.on("error", (e: NodeJS.ErrnoException) => {
      // After the status line the server was reachable: the answer broke off mid-body.
      if (responded) return fail(new ProxyError(502, "bad_response", `${name} failed mid-response: ${describeNetworkError(e)}`));
      const message = `${name} is unreachable: ${describeNetworkError(e)}`;
      const stale = upstream.reusedSocket && (e.code === "ECONNRESET" || e.code === "EPIPE");
      fail(stale ? new StaleSocketError(502, "unavailable", message) : new ProxyError(502, "unavailable", message));
    });
    if (req.signal?.aborted) onAbort();
    upstream.end(body);
  });
}
