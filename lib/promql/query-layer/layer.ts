import "server-only";
import type { Datasource } from "@/lib/config/schema";
import type { Envelope } from "@/lib/promql/types";
import { getConfig } from "@/lib/config";
import { parseDurationOrSeconds } from "@/lib/promql/duration";
import type { Endpoint, HttpMethod } from "@/lib/promql/proxy/endpoints";
import { parseApiTime } from "@/lib/promql/proxy/params";
import { ProxyError } from "@/lib/promql/proxy/envelope";
import { Coalescer, mapBounded, Semaphore } from "./coalesce";
import {
  alignRange,
  countSamples,
  estimateBytes,
  type Extent,
  insertExtent,
  type MatrixSeries,
  mergeSeries,
  missingRanges,
  type Range,
  sliceSeries,
  splitByInterval,
} from "./extents";
import { getRedis } from "@/lib/redis/client";
import { metrics } from "@/lib/ops/metrics";
import { MemoryResultsCache, RedisResultsCache, type ResultsCache } from "./cache-backend";
import { ByteLru } from "./lru";
import { fetchUpstream, type Fetched } from "./fetch";
import { processGlobal, resetProcessGlobal } from "@/lib/ops/process-global";
import { resetRateLimiter } from "./rate-limit";
import { ReplicaCoalescer } from "./replica-coalesce";
import { TailStore } from "./tail-store";
import { cacheKey, isCacheableRequest, querySettings, requestKey, type QuerySettings } from "./settings";

/** What the proxy answers: the upstream's status and body (or a merge of cached and fetched parts). */
export interface LayerResult {
  status: number;
  body: Buffer | string;
  cacheControl?: string;
  /** hit: no upstream request; partial: only missing sub-ranges fetched; miss; bypass: not cacheable. */
  cache?: "hit" | "partial" | "miss" | "bypass";
  upstreamMs: number;
  /** Samples fetched from the upstream for this answer (query_range), for the benchmark. */
  fetchedSamples?: number;
  /** The body parsed (on first call, or already: the proxy encodes frames from it without parsing the body again). */
  envelope?: () => Envelope;
}

interface State {
  settings: QuerySettings;
  /** Redis when ORRERY_REDIS_URL is set (falling back to `memory` while Redis fails), else `memory`. */
  cache: ResultsCache;
  memory: MemoryResultsCache;
  /** Coalescing of cacheable query_range parts across replicas (Redis only). */
  replicas?: ReplicaCoalescer;
  coalescer: Coalescer<Fetched>;
  semaphores: Map<string, Semaphore>;
  /** Clean answers of cacheable parts, shared for `coalesceWindowMs` after they arrive. */
  recent: Map<string, { until: number; value: Fetched }>;
  /** The uncached newest parts of clean answers by cache key, shared for `coalesceWindowMs` with any range they cover. */
  tails: TailStore;
  /**
   * Serialised answers of full cache hits by (cache key, aligned range), valid while the entry's
   * extents are the same: a repeated view is answered without slicing, merging or JSON.stringify.
   */
  answers: ByteLru<{ extents: string; body: string; envelope: Envelope }>;
}

function createState(): State {
  const settings = querySettings(getConfig().query);
  const memory = new MemoryResultsCache(settings.cacheMaxBytes);
  const redis = getRedis();
  return {
    settings,
    memory,
    cache: redis ? new RedisResultsCache(redis, memory, settings.cacheTtlMs, settings.cacheMaxBytes) : memory,
    ...(redis && settings.coalesce ? { replicas: new ReplicaCoalescer(redis, { lockMs: REPLICA_LOCK_MS, pollMs: 20 }) } : {}),
    coalescer: new Coalescer(),
    semaphores: new Map(),
    recent: new Map(),
    tails: new TailStore(Math.min(64 * 1024 * 1024, Math.max(1024 * 1024, settings.cacheMaxBytes / 4))),
    answers: new ByteLru(Math.min(64 * 1024 * 1024, Math.max(1024 * 1024, settings.cacheMaxBytes / 4))),
  };
}

// One per server process: the page renders (early variables) and every route bundle share the cache,
// coalescing and limits (lib/ops/process-global.ts).
function getState(): State {
  return processGlobal("queryLayer", createState);
}

/** The query layer's settings (parsed once from the configuration). */
export function layerSettings(): QuerySettings {
  return getState().settings;
}

/** Forgets the cache and settings (tests; the next request reads the configuration again). */
export function resetQueryLayer(): void {
  resetProcessGlobal("queryLayer");
  resetRateLimiter();
}

/**
 * Statistics of the in-memory cache (the whole cache without Redis, the fallback with it), the
 * upstream requests waiting for a concurrency slot (all datasources) and the callers waiting on
 * shared (coalesced) upstream requests; tests and the benchmark.
 */
export function queryLayerStats(): { entries: number; bytes: number; backend: ResultsCache["backend"]; queued: number; waiters: number } {
  const s = getState();
  let queued = 0;
  for (const sem of s.semaphores.values()) queued += sem.waiting;
  return { entries: s.memory.lru.size, bytes: s.memory.lru.bytes, backend: s.cache.backend, queued, waiters: s.coalescer.waiters };
}

const clientClosed = () => new ProxyError(499, "bad_data", "the client closed the request");

// A replica holding the lock for a query key may take this long before the others query themselves.
const REPLICA_LOCK_MS = 5000;

function semaphoreFor(s: State, ds: Datasource): Semaphore {
  let sem = s.semaphores.get(ds.id);
  if (!sem) s.semaphores.set(ds.id, (sem = new Semaphore(s.settings.maxConcurrentPerDatasource)));
  return sem;
}

const MAX_RECENT = 2000;

/**
 * One upstream request, shared with identical requests in flight (same path and parameters) and,
 * unless `bounded` is false (reads other than queries), holding one of the datasource's concurrency
 * slots; with `retain` (cacheable query_range parts only) a clean answer is also shared for the coalescing window.
 */
async function fetchShared(s: State, ds: Datasource, endpoint: Endpoint, method: HttpMethod, params: URLSearchParams, signal?: AbortSignal, retain = false, bounded = true): Promise<Fetched> {
  // A request still queued for a slot when its client leaves never reaches the upstream. Cacheable
  // parts (retain) are read (parsed at once); other answers are relayed as received (scanned, parsed only if read).
  const local = (sig?: AbortSignal) =>
    bounded ? semaphoreFor(s, ds).use(() => fetchUpstream(ds, endpoint, method, params, sig, retain), sig, clientClosed) : fetchUpstream(ds, endpoint, method, params, sig, retain);
  if (!s.settings.coalesce) return local(signal);
  // The path, not the name: every label's values share the name "label/values" (for queries both are the same).
  const key = requestKey(`${ds.id}|${ds.url}`, endpoint.path, params);
  const windowMs = retain ? s.settings.coalesceWindowMs : 0;
  if (windowMs > 0) {
    const hit = s.recent.get(key);
    if (hit && hit.until > Date.now()) {
      metrics().coalesced.inc({ scope: "window" });
      return hit.value;
    }
  }
  const replicas = retain ? s.replicas : undefined;
  const go = !replicas
    ? local
    : async (sig?: AbortSignal) => {
        const out = await replicas.run(key, windowMs, () => local(sig), (f) => cacheableMatrix(f) !== undefined, sig);
        if (out.from !== "self") metrics().coalesced.inc({ scope: out.from === "window" ? "window" : "replica" });
        return out.fetched;
      };
  if (s.coalescer.has(key)) metrics().coalesced.inc({ scope: "process" });
  try {
    const f = await s.coalescer.run(key, go, signal);
    if (windowMs > 0 && cacheableMatrix(f)) {
      const now = Date.now();
      for (const [k, v] of s.recent) if (v.until <= now || s.recent.size >= MAX_RECENT) s.recent.delete(k);
      s.recent.set(key, { until: now + windowMs, value: f });
    }
    return f;
  } catch (e) {
    // This client left while others may still wait on the shared request: answer as the upstream client does.
    if (signal?.aborted && !(e instanceof ProxyError)) throw clientClosed();
    throw e;
  }
}

function checkSeriesLimit(s: State, count: number): void {
  const max = s.settings.maxSeries;
  if (max !== undefined && count > max) {
    throw new ProxyError(422, "bad_data", `the query returned ${count} series, more than the limit of ${max} (query.maxSeries); narrow the selector or aggregate`);
  }
}

function passThrough(f: Fetched, s: State, cache: LayerResult["cache"]): LayerResult {
  if (f.head.status === "success") checkSeriesLimit(s, f.resultCount ?? 0);
  return { status: f.status, body: f.body, ...(f.cacheControl ? { cacheControl: f.cacheControl } : {}), cache, upstreamMs: f.upstreamMs, envelope: f.envelope };
}

/** A matrix answer the cache may keep: HTTP 200, success, no warnings/infos, no `Cache-Control: no-store`. */
function cacheableMatrix(f: Fetched): MatrixSeries[] | undefined {
  const h = f.head;
  if (f.status !== 200 || h.status !== "success" || h.warnings?.length || h.infos?.length) return undefined;
  if (f.cacheControl && /no-store/i.test(f.cacheControl)) return undefined;
  const data = f.envelope().data as { resultType?: unknown; result?: unknown } | undefined;
  if (data?.resultType !== "matrix" || !Array.isArray(data.result)) return undefined;
  return data.result as MatrixSeries[];
}

const secondsText = (ms: number) => String(ms / 1000);
// Prometheus 2.x (and Thanos) read a step given in float seconds as nanoseconds, truncated: "8.168"
// becomes 8,167.999999 ms, i.e. an 8,167 ms grid, off the 8,168 ms grid the range was aligned and
// split on. A step off whole seconds therefore goes as integer milliseconds ("8168ms"), read exactly.
const upstreamStepText = (ms: number) => (ms % 1000 === 0 ? String(ms / 1000) : `${ms}ms`);

/**
 * Every endpoint other than query_range: `query` is coalesced and bounded; the other reads (label
 * names and values, series, metadata, status, Thanos stores, ...) are coalesced too (identical
 * requests in flight share one upstream request: a dashboard page's variable requests join the ones
 * the server started for the same visit, lib/dashboards/early-variables.ts) but take no concurrency slot.
 */
export async function runInstant(ds: Datasource, endpoint: Endpoint, method: HttpMethod, params: URLSearchParams, signal?: AbortSignal): Promise<LayerResult> {
  const s = getState();
  if (endpoint.name !== "query") {
    const f = await fetchShared(s, ds, endpoint, method, params, signal, false, false);
    return { status: f.status, body: f.body, ...(f.cacheControl ? { cacheControl: f.cacheControl } : {}), upstreamMs: f.upstreamMs };
  }
  return passThrough(await fetchShared(s, ds, endpoint, method, params, signal), s, undefined);
}

/**
 * query_range through the layer: limits, step alignment, the extents cache (only missing
 * sub-ranges are fetched; the newest `maxFreshness` is never stored), splitting by interval with
 * bounded parallelism, and coalescing of identical upstream requests.
 */
export async function runRange(ds: Datasource, endpoint: Endpoint, method: HttpMethod, params: URLSearchParams, signal?: AbortSignal, nowMs = Date.now()): Promise<LayerResult> {
  const s = getState();
  const startS = parseApiTime(params.get("start"));
  const endS = parseApiTime(params.get("end"));
  const stepText = params.get("step");
  const stepS = stepText === null ? null : parseDurationOrSeconds(stepText);
  // Anything unparsable goes to the upstream as is, which answers with its own 400.
  if (startS === null || endS === null || stepS === null || !(stepS > 0) || endS < startS) {
    return passThrough(await fetchShared(s, ds, endpoint, method, params, signal), s, "bypass");
  }
  if (s.settings.maxRangeMs !== undefined && (endS - startS) * 1000 > s.settings.maxRangeMs) {
    throw new ProxyError(400, "bad_data", `the query range of ${Math.round(endS - startS)}s exceeds the limit of ${s.settings.maxRangeMs / 1000}s (query.maxRange); choose a shorter range`);
  }
  const stepMs = Math.round(stepS * 1000);
  const gridOk = stepMs >= 1 && Math.abs(stepMs - stepS * 1000) < 1e-6;
  if (!gridOk || !s.settings.alignRangeWithStep) {
    // Off a millisecond grid (or alignment off) points do not line up between ranges: no cache, no split.
    return passThrough(await fetchShared(s, ds, endpoint, method, params, signal), s, "bypass");
  }
  const want = alignRange(Math.round(startS * 1000), Math.round(endS * 1000), stepMs);
  // Flooring both ends can widen the span by almost a step: keep Prometheus's 11,000-point limit.
  if ((want.end - want.start) / stepMs > 11_000) want.start = want.end - 11_000 * stepMs;
  const base = new URLSearchParams(params);
  base.set("start", secondsText(want.start));
  base.set("end", secondsText(want.end));
  base.set("step", upstreamStepText(stepMs));

  const cacheable = s.settings.cacheEnabled && isCacheableRequest(base);
  const key = cacheable ? cacheKey(`${ds.id}|${ds.url}`, base) : "";
  const extents = cacheable ? ((await s.cache.get(key)) ?? []) : [];
  const missing = missingRanges(want, stepMs, extents);
  // The newest part is never stored in the extents cache; a clean answer of it that arrived within the
  // coalescing window is shared with every request whose missing range it covers (viewers refreshing a
  // few seconds apart, or after the first answer was stored, would otherwise each fetch the tail again).
  const shared: Extent[] = [];
  const stillMissing: Range[] = [];
  const windowMs = cacheable && s.settings.coalesce ? s.settings.coalesceWindowMs : 0;
  for (const r of missing) {
    const tail = windowMs > 0 ? s.tails.find(key, r, Date.now()) : undefined;
    if (tail) shared.push({ ...r, series: sliceSeries(tail, r) });
    else stillMissing.push(r);
  }
  if (shared.length) metrics().coalesced.inc({ scope: "window" });
  const pieces = stillMissing.flatMap((r) => splitByInterval(r, stepMs, s.settings.splitIntervalMs));
  const keepTail = (r: Range, matrix: MatrixSeries[]) => {
    if (windowMs <= 0) return;
    // Only what store() leaves out (newer than the freshness cut) needs sharing; older parts are in the cache.
    const cut = Math.floor((nowMs - s.settings.maxFreshnessMs) / stepMs) * stepMs;
    const from = Math.max(r.start, cut);
    if (from > r.end) return;
    const part = from === r.start ? matrix : sliceSeries(matrix, { start: from, end: r.end });
    // The window runs from the answer's arrival (a slow upstream or a busy server must not eat it).
    const arrived = Date.now();
    s.tails.add(key, { start: from, end: r.end, series: part }, arrived, arrived + windowMs, estimateBytes(part));
  };
  const withRange = (r: Range) => {
    const p = new URLSearchParams(base);
    p.set("start", secondsText(r.start));
    p.set("end", secondsText(r.end));
    return p;
  };
  const fetchPiece = (r: Range) => fetchShared(s, ds, endpoint, method, withRange(r), signal, cacheable);
  const whole = pieces.length === 1 && pieces[0]!.start === want.start && pieces[0]!.end === want.end;

  if (whole) {
    const f = await fetchPiece(want);
    // Only a cacheable answer is read (parsed); any other is relayed as received.
    const matrix = cacheable ? cacheableMatrix(f) : undefined;
    if (matrix && cacheable) {
      keepTail(want, matrix);
      await store(s, key, stepMs, [{ start: want.start, end: want.end, series: matrix }], nowMs);
    }
    const out = passThrough(f, s, cacheable && matrix ? "miss" : "bypass");
    return { ...out, fetchedSamples: matrix ? countSamples(matrix) : undefined };
  }

  // A full hit: the same extents give the same answer, so the serialised one is reused.
  const fullHit = cacheable && pieces.length === 0 && shared.length === 0;
  const answerKey = fullHit ? `${key}|${want.start}|${want.end}` : "";
  const signature = fullHit ? extents.map((e) => `${e.start}-${e.end}`).join(",") : "";
  if (fullHit) {
    const kept = s.answers.get(answerKey);
    if (kept && kept.extents === signature) {
      checkSeriesLimit(s, (kept.envelope.data as { result: unknown[] }).result.length);
      return { status: 200, body: kept.body, cache: "hit", upstreamMs: 0, fetchedSamples: 0, envelope: () => kept.envelope };
    }
  }

  const fetched = await mapBounded(pieces, s.settings.maxParallelSplits, fetchPiece);
  const matrices: Extent[] = [];
  let upstreamMs = 0;
  let fetchedSamples = 0;
  for (let i = 0; i < fetched.length; i++) {
    const f = fetched[i]!;
    upstreamMs = Math.max(upstreamMs, f.upstreamMs);
    // An upstream error on a part is the answer (as the query-frontend does).
    if (f.status !== 200 || f.head.status !== "success") return passThrough(f, s, "bypass");
    const matrix = cacheableMatrix(f);
    if (!matrix) {
      // Warnings, partial responses or no-store on a part: answer the whole range as the upstream does, uncached.
      return passThrough(await fetchPiece(want), s, "bypass");
    }
    fetchedSamples += countSamples(matrix);
    matrices.push({ ...pieces[i]!, series: matrix });
  }
  if (cacheable) {
    for (const m of matrices) keepTail(m, m.series);
    await store(s, key, stepMs, matrices, nowMs);
  }
  const cachedParts = extents.map((e) => sliceSeries(e.series, want));
  const result = mergeSeries([...cachedParts, ...shared.map((m) => m.series), ...matrices.map((m) => m.series)]);
  checkSeriesLimit(s, result.length);
  const envelope: Envelope = { status: "success", data: { resultType: "matrix", result } };
  const body = JSON.stringify(envelope);
  if (fullHit) s.answers.set(answerKey, { extents: signature, body, envelope }, 4 * body.length + 2 * answerKey.length + 64);
  const cacheControl = fetched.find((f) => f.cacheControl)?.cacheControl;
  return {
    status: 200,
    body,
    ...(cacheControl ? { cacheControl } : {}),
    cache: !cacheable ? "bypass" : pieces.length === 0 ? "hit" : extents.length ? "partial" : "miss",
    upstreamMs,
    fetchedSamples,
    envelope: () => envelope,
  };
}

/** Adds fetched parts to the entry, clipped to what is older than `maxFreshness`. */
async function store(s: State, key: string, stepMs: number, parts: Extent[], nowMs: number): Promise<void> {
  const cut = Math.floor((nowMs - s.settings.maxFreshnessMs) / stepMs) * stepMs;
  // Nothing to keep: skip the read (a Redis round trip).
  if (!parts.some((p) => p.start <= cut)) return;
  let extents = (await s.cache.get(key)) ?? [];
  let changed = false;
  for (const part of parts) {
    if (part.start > cut) continue;
    const end = Math.min(part.end, cut);
    const series = end === part.end ? part.series : sliceSeries(part.series, { start: part.start, end });
    extents = insertExtent(extents, { start: part.start, end, series }, stepMs);
    changed = true;
  }
  if (!changed) return;
  let bytes = key.length * 2;
  for (const e of extents) bytes += estimateBytes(e.series) + 64;
  await s.cache.set(key, extents, bytes);
}
