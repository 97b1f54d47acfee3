import http from "node:http";

/**
 * A loopback forwarder that adds a fixed latency before passing each request to `target` and
 * counts requests by path: the "upstream with added latency" of B2/B3, and its request counter.
 */
export async function startDelayProxy(target: string, port: number, delayMs: number) {
  const counts = { total: 0, byPath: new Map<string, number>() };
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const server = http.createServer((req, res) => {
    counts.total++;
    const path = (req.url ?? "/").split("?")[0]!;
    counts.byPath.set(path, (counts.byPath.get(path) ?? 0) + 1);
    setTimeout(() => {
      const upstream = http.request(`${target}${req.url}`, { method: req.method, headers: { ...req.headers, host: new URL(target).host }, agent }, (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      });
      upstream.on("error", () => {
        res.writeHead(502);
        res.end();
      });
      req.pipe(upstream);
    }, delayMs);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    close: async () => {
      server.closeAllConnections();
      agent.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
