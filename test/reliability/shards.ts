// Splitting the route fuzz of test:hard over processes (test/reliability/route-fuzz.test.ts).

// test:hard runs this file as ORRERY_FUZZ_SHARDS processes side by side (ORRERY_FUZZ_SHARD=i/n), since
// one process leaves a core idle (handlers wait on fsync and loopback I/O). The work is cut into parts
// of at most PART inputs (a route's parts use different seeds) and dealt to the shards by size, so
// the 100,000 inputs of a one-route group do not all land in one process.
export const PART = 25_000;
export interface Part<R> {
  route: R;
  /** 0-based; the part's fast-check seed is the run's seed + index. */
  index: number;
  count: number;
  of: number;
}
/** The parts of `all` (each route's `size(route)` inputs cut into parts of at most `maxPart`) that shard "i/n" runs. */
export function shardParts<R>(all: R[], size: (r: R) => number, shard: string | undefined, maxPart = PART): Part<R>[] {
  const m = /^(\d+)\/(\d+)$/.exec(shard ?? "1/1");
  if (!m || Number(m[1]) < 1 || Number(m[1]) > Number(m[2])) throw new Error(`ORRERY_FUZZ_SHARD must be i/n with 1 <= i <= n, got ${JSON.stringify(shard)}`);
  const [mine, n] = [Number(m[1]) - 1, Number(m[2])];
  const parts = all.flatMap((route) => {
    const total = size(route);
    const of = Math.max(1, Math.ceil(total / maxPart));
    return Array.from({ length: of }, (_, index) => ({ route, index, of, count: Math.floor(total / of) + (index < total % of ? 1 : 0) }));
  });
  const load = Array.from({ length: n }, () => 0);
  const owner = new Map<Part<R>, number>();
  for (const part of [...parts].sort((a, b) => b.count - a.count)) {
    const least = load.indexOf(Math.min(...load));
    owner.set(part, least);
    load[least] = load[least]! + part.count;
  }
  return parts.filter((part) => owner.get(part) === mine);
}
