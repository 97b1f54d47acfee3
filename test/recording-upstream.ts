import http from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";

export interface RecordedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export type Reply = (req: RecordedRequest, res: http.ServerResponse) => void;

/** Answers like Prometheus with an empty vector. */
export const okReply: Reply = (_req, res) => {
  res.writeHead(200, { "content-type": "application/json" });
  res.end('{"status":"success","data":{"resultType":"vector","result":[]}}');
};

export const gzipReply = (status: number, body: string, headers: http.OutgoingHttpHeaders = {}): Reply => (_req, res) => {
  res.writeHead(status, { "content-type": "application/json", "content-encoding": "gzip", ...headers });
  res.end(gzipSync(body));
};

/**
 * A loopback HTTP server standing in for what cannot run here (Thanos) or for a faulty upstream;
 * it records every request that reaches it, so tests can assert what the proxy sent, or that it sent nothing.
 */
export async function startRecordingUpstream(reply: Reply = okReply) {
  const requests: RecordedRequest[] = [];
  const sockets = new Set<import("node:net").Socket>();
  let current = reply;
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      const rec = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body };
      requests.push(rec);
      current(rec, res);
    });
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    openSockets: () => sockets.size,
    setReply: (r: Reply) => (current = r),
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
export type RecordingUpstream = Awaited<ReturnType<typeof startRecordingUpstream>>;
