// B1 (proxy overhead) of `npm run bench -- --only=proxy`: the same query_range direct and through the
// proxy (pass-through, with a session cookie, from the cache), and Next's own floor. Run by proxy.ts,
// which owns the stack.
import type { ProxyBenchContext } from "./proxy";
import { type LoadResult, runLoad } from "./load";
import { fmt, median, percentile, table } from "./stats";

const rps = (r: LoadResult) => r.requests / r.seconds;

export interface LoadRow {
  size: string;
  bytes: number;
  connections: number;
  direct: LoadResult;
  proxy: LoadResult;
  /** The same proxied request with a signed-in user's session cookie (JWT decode + user lookup). */
  session?: LoadResult;
  cached?: LoadResult;
  /** The same cached request on a server that gzips every answer (`query.compressMinBytes: 0`, as before session 6). */
  cachedGzipAll?: LoadResult;
}

export interface B1Result {
  rows: LoadRow[];
  floor: { connections: number; result: LoadResult }[];
}

interface Size {
  size: string;
  query: string;
  start: number;
  step: number;
}

/** The three answer sizes, ending an hour before the history's end `to`. */
export function sizesFor(to: number): { end: number; sizes: Size[]; qs: (s: Size) => string } {
  const end = to - 3600;
  const sizes = [
    { size: "~2 KB", query: 'orrery_prop_gauge{s="s0"}', start: end - 90 * 60, step: 60 },
    { size: "~130 KB", query: 'orrery_prop_gauge{s=~"s[0-3]"}', start: end - 24 * 3600, step: 60 },
    { size: "~2.6 MB", query: "orrery_prop_gauge", start: end - 48 * 3600, step: 30 },
  ];
  const qs = (s: Size) => new URLSearchParams({ query: s.query, start: String(s.start), end: String(end), step: String(s.step) }).toString();
  return { end, sizes, qs };
}

/** With `next start` in pass-through: direct vs proxy (and session) per size and connections, then the floor. */
export async function runB1PassThrough(ctx: ProxyBenchContext): Promise<B1Result> {
  const { sizes, qs } = sizesFor(ctx.to);
  const { seconds, log } = ctx.opts;
  const rows: LoadRow[] = [];
  const floor: B1Result["floor"] = [];
  for (const s of sizes) {
    const direct = `${ctx.prometheusUrl}/api/v1/query_range?${qs(s)}`;
    const proxy = `${ctx.nextUrl}/api/ds/prom/api/v1/query_range?${qs(s)}`;
    const bytes = (await (await fetch(direct)).arrayBuffer()).byteLength;
    await runLoad(proxy, 2, 1); // warm-up: JIT, keep-alive pools
    for (const connections of ctx.connectionsList) {
      log(`B1 ${s.size} × ${connections} connections`);
      const d = await runLoad(direct, connections, seconds);
      const p = await runLoad(proxy, connections, seconds);
      const row: LoadRow = { size: s.size, bytes, connections, direct: d, proxy: p };
      if (s.size === "~2 KB") row.session = await runLoad(proxy, connections, seconds, { cookie: ctx.cookie });
      rows.push(row);
    }
  }
  for (const connections of ctx.connectionsList) {
    log(`B1 floor × ${connections}`);
    floor.push({ connections, result: await runLoad(`${ctx.nextUrl}/api/datasources`, connections, seconds) });
  }
  return { rows, floor };
}

/** With `next start` on the default query layer: each row's request again, answered from the cache. */
export async function runB1Cached(ctx: ProxyBenchContext, b1: B1Result): Promise<void> {
  const { sizes, qs } = sizesFor(ctx.to);
  for (const row of b1.rows) {
    const s = sizes.find((x) => x.size === row.size)!;
    const proxy = `${ctx.nextUrl}/api/ds/prom/api/v1/query_range?${qs(s)}`;
    if (row.connections === 1) await runLoad(proxy, 1, 1);
    ctx.opts.log(`B1 cached ${row.size} × ${row.connections}`);
    row.cached = await runLoad(proxy, row.connections, ctx.opts.seconds);
    if (ctx.gzipAllUrl && row.size === "~2 KB") {
      const other = `${ctx.gzipAllUrl}/api/ds/prom/api/v1/query_range?${qs(s)}`;
      if (row.connections === 1) await runLoad(other, 1, 1);
      ctx.opts.log(`B1 cached, gzip every answer, ${row.size} × ${row.connections}`);
      row.cachedGzipAll = await runLoad(other, row.connections, ctx.opts.seconds);
    }
  }
}

/** B1's section of BENCHMARKS.md and its rows of the targets table, with why it is (not) met. */
export function b1Report(b1: B1Result, { seconds, prometheusVersion }: { seconds: number; prometheusVersion: string }): { lines: string[]; targets: (string | number)[][] } {
  const lines: string[] = [];
  lines.push("## B1 proxy overhead", "");
  lines.push(
    `Load generator: scripts/bench/load.ts (closed loop like autocannon, keep-alive, \`accept-encoding: gzip\`), ${seconds} s per cell, in the orchestrating Node process (idle while a cell runs); client, server and Prometheus share the machine's cores. ${prometheusVersion}.`,
    "",
  );
  lines.push(
    "`direct` = the same Prometheus query_range; `proxy` = `/api/ds/prom/api/v1/query_range` with the query layer in pass-through (`alignRangeWithStep: false`, no coalescing, no cache), anonymous, i.e. the proxy's own cost; `session` = the same with a signed-in local user's next-auth cookie; `cached` = the default query layer answering repeated identical requests from its extents cache. Latencies in ms; added = proxy − direct.",
    "",
  );
  const rows = b1.rows.map((row) => {
    const d50 = median(row.direct.latencies);
    const d99 = percentile(row.direct.latencies, 99);
    const p50 = median(row.proxy.latencies);
    const p99 = percentile(row.proxy.latencies, 99);
    const c = row.cached;
    const s = row.session;
    return [
      row.size,
      `${(row.bytes / 1024).toFixed(1)} KiB`,
      row.connections,
      `${fmt(d50)} / ${fmt(d99)}`,
      `${fmt(p50)} / ${fmt(p99)}`,
      `**${fmt(p50 - d50)}** / **${fmt(p99 - d99)}**`,
      `${fmt(rps(row.direct), 0)} / ${fmt(rps(row.proxy), 0)} (${fmt((100 * rps(row.proxy)) / rps(row.direct), 0)}%)`,
      s ? `${fmt(median(s.latencies))} / ${fmt(percentile(s.latencies, 99))}, ${fmt(rps(s), 0)} req/s` : "n/a",
      c ? `${fmt(median(c.latencies))} / ${fmt(percentile(c.latencies, 99))}, ${fmt(rps(c), 0)} req/s` : "n/a",
      row.direct.errors + row.proxy.errors + (c?.errors ?? 0) + (s?.errors ?? 0),
    ];
  });
  lines.push(
    table(
      ["answer", "body", "conns", "direct p50 / p99", "proxy p50 / p99", "added p50 / p99", "req/s direct / proxy", "session p50 / p99, req/s", "cached p50 / p99, req/s", "errors"],
      rows,
    ),
  );
  lines.push("");
  lines.push("Next's own floor: `GET /api/datasources`, an existing route that returns a constant `Response.json` of the configuration (no route was added for the benchmark).", "");
  lines.push(table(["conns", "p50 ms", "p99 ms", "req/s"], b1.floor.map((f) => [f.connections, fmt(median(f.result.latencies)), fmt(percentile(f.result.latencies, 99)), fmt(rps(f.result), 0)])));
  const small = b1.rows.filter((x) => x.size === "~2 KB");
  const floorBest = Math.max(...b1.floor.map((f) => rps(f.result)));
  const smallBest = Math.max(...small.map((x) => rps(x.proxy)));
  const cachedBest = Math.max(...small.map((x) => (x.cached ? rps(x.cached) : 0)));
  lines.push(
    "",
    `Smallest answer through the proxy: best ${fmt(smallBest, 0)} req/s = ${fmt((100 * smallBest) / floorBest, 0)}% of the floor's best ${fmt(floorBest, 0)} req/s (target ≥ 90%); from the cache: ${fmt(cachedBest, 0)} req/s = ${fmt((100 * cachedBest) / floorBest, 0)}%.`,
    "",
    "Why the pass-through proxy cannot reach the floor: it does everything the floor does plus one upstream HTTP round trip per request (Prometheus's own parse and evaluation), the envelope check (a garbage or truncated body must become a 502), and Next's gzip of answers of 4 KiB and more. On this machine the client, Next and Prometheus share the same cores, so the upstream's CPU is taken from the proxy's throughput: the comparable ceiling is the direct row, and a full-cache hit (no upstream, no check: cached serialised bytes) is the proxy's own floor.",
    "",
    "Where the large pass-through answer's time went, and what session 7 removed (V8 and /proc profiles of `next start`; `PROFILE_SIZE=large npx tsx scripts/bench/profile-proxy.ts --base=<a built clone of the previous main>` runs both servers side by side): (1) `JSON.parse` of the whole body for the envelope check, whose objects were thrown away — now a validating scan of the bytes (lib/promql/proxy/json-scan.ts) accepts exactly what JSON.parse accepts (property-tested) without building objects, and the body is parsed only when read (cache, frames): ~50 ms → ~10 ms for a 2.4 MB matrix here; (2) Prometheus's gzip of the answer and our gunzip of it, only for Next to gzip it again — a loopback upstream is now asked for identity (datasource `acceptEncoding: auto`, the default; remote upstreams still get gzip): Prometheus's gzip is most of a large query_range's time (10.7 MB: ~650 ms with gzip, ~270 ms without). So a large proxied answer can beat the direct row, where Prometheus gzips for the client. Side by side in one run (session 7, load 6–8, 1 connection, p50): ~1.35 MB, direct 162 ms, this proxy 191 ms (+29; server CPU 101 ms/request), previous main 483 ms (+321; 164 ms CPU); ~130 KB: 9.9 ms direct, 16.8 ms (+6.9; 12.8 ms CPU) vs 30.3 ms (+20.4; 20.8 ms CPU). What is left grows with the answer and is mostly Next's (the same profile, ~1.4 MB answer: ~110 ms of server CPU per request by /proc, of which ~42 ms on the main thread by V8 — Next's request path and the scan in one minified chunk ~17, socket writes ~6, GC ~5, zlib callbacks ~6 — and the rest on other threads, mostly zlib's gzip of the answer in the thread pool): its `compression` middleware gzips the answer at zlib's default level (not configurable through `next.config`; Next drops `Content-Encoding` from route-handler responses, so an upstream's gzip cannot be passed through on `next start`) and the body is piped through a web stream into Node's response. The cached row pays the same, so it is the floor for large answers; ≤ 0.5 ms added at the worst size would need the answer sent uncompressed or pre-compressed, i.e. a server other than `next start`.",
    "",
  );
  const gz = small.filter((x) => x.cached && x.cachedGzipAll);
  if (gz.length) {
    lines.push(
      `Small answers without Next's gzip (\`query.compressMinBytes\`, default 4 KiB; lib/http/compression.ts): Next's \`compression\` middleware never sees a Content-Length (Next strips it), so it started a zlib stream for every body, even the 20-byte ones — set-up, a thread-pool round trip and native memory (more GC) per response. Side by side, the ~2 KB cached answer on a second server that gzips every answer (\`compressMinBytes: 0\`, the behaviour before): ${gz
        .map((x) => `${x.connections} conn: ${fmt(median(x.cached!.latencies))} vs ${fmt(median(x.cachedGzipAll!.latencies))} ms p50, ${fmt(rps(x.cached!), 0)} vs ${fmt(rps(x.cachedGzipAll!), 0)} req/s`)
        .join("; ")}. The floor route still gzips its answer (only the proxy marks small answers). What the change is for is server CPU, which these closed-loop cells only show when the machine is otherwise idle: \`npx tsx scripts/bench/profile-proxy.ts --cached --compare-gzip --no-prof\` measures CPU per request from /proc in interleaved rounds (session 6, load 12–18: 30–40 % less CPU per small cached answer in two runs, with 1-connection latencies within the noise either way; session 7, load 6–7: 3.6 vs 8.0 ms of server CPU per request and 3.58 vs 8.68 ms p50 — the default stays 4 KiB).`,
      "",
    );
  }
  lines.push(
    "Where a small cached answer's time goes (`npx tsx scripts/bench/profile-proxy.ts --cached --compare-gzip`: server CPU per request from /proc in interleaved rounds, and a V8 profile's self time per request by category and phase): Next's own request path (router, route matching, the app-route runtime's async-storage set-up, web-stream piping of the body into Node's response) is most of it, for the floor route as for the proxy; Orrery's code (authorize, the query layer's cache lookup, handleProxyRequest, the request log line and histogram) is a small part; Next's gzip of a small body was the largest single cost Orrery could remove (above). Session requests add the users-file stat and the role lookup (the decrypted JWT is cached per cookie). The cached answer still costs more than the floor because its route is a dynamic catch-all (`[ds]/api/v1/[...path]`: Next's dynamic route matching and param handling) and its body is ~2 KB instead of ~100 bytes.",
    "",
  );

  const one = b1.rows.filter((x) => x.connections === 1);
  const worst50 = Math.max(...one.map((x) => median(x.proxy.latencies) - median(x.direct.latencies)));
  const worst99 = Math.max(...one.map((x) => percentile(x.proxy.latencies, 99) - percentile(x.direct.latencies, 99)));
  const targets: (string | number)[][] = [
    ["B1 added latency ≤ 0.5 ms p50 (1 connection, worst size)", `${fmt(worst50)} ms`, worst50 <= 0.5 ? "yes" : "no"],
    ["B1 added latency ≤ 2 ms p99 (1 connection, worst size)", `${fmt(worst99)} ms`, worst99 <= 2 ? "yes" : "no"],
    ["B1 throughput ≥ 90% of Next's floor (smallest answer)", `${fmt((100 * smallBest) / floorBest, 0)}% (cached: ${fmt((100 * cachedBest) / floorBest, 0)}%)`, smallBest >= 0.9 * floorBest ? "yes" : "no"],
  ];
  return { lines, targets };
}
