// B3 (sliding refresh) of `npm run bench -- --only=proxy`: one query over the last 6 h refreshed
// every period through the default query layer; how much of a full re-query each refresh fetches
// upstream. Run by proxy.ts, which owns the stack.
import type { ProxyBenchContext } from "./proxy";
import { fmt, median, table } from "./stats";

export interface B3Row {
  fetched: number;
  full: number;
  cache: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runB3(ctx: ProxyBenchContext): Promise<B3Row[]> {
  const { refreshS, refreshes, log } = ctx.opts;
  const b3: B3Row[] = [];
  for (let i = 0; i < Math.max(4, refreshes + 1); i++) {
    if (i > 0) await sleep(refreshS * 1000);
    const t = Date.now() / 1000;
    const p = new URLSearchParams({ query: "orrery_prop_gauge", start: String(t - 6 * 3600), end: String(t), step: "20" });
    const res = await fetch(`${ctx.nextUrl}/api/ds/prom/api/v1/query_range?${p}`);
    const body = (await res.json()) as { data: { result: { values: unknown[] }[] } };
    const full = body.data.result.reduce((n, s) => n + s.values.length, 0);
    b3.push({ fetched: Number(res.headers.get("x-orrery-fetched-samples") ?? full), full, cache: res.headers.get("x-orrery-cache") ?? "?" });
    log(`B3 refresh ${i + 1}: ${b3.at(-1)!.fetched} of ${full} samples fetched (${b3.at(-1)!.cache})`);
  }
  return b3;
}

/** B3's section of BENCHMARKS.md and its row of the targets table. */
export function b3Report(b3: B3Row[], { refreshS, scrapeS }: { refreshS: number; scrapeS: number }): { lines: string[]; targets: (string | number)[][] } {
  const lines: string[] = [];
  lines.push("## B3 sliding refresh", "");
  lines.push(
    `\`orrery_prop_gauge\` (20 series, live scrape every ${scrapeS} s on top of backfilled history) over the last 6 h at step 20 s, refreshed every ${refreshS} s. Fetched = samples in the upstream answers the proxy requested (header \`x-orrery-fetched-samples\`); full = samples in the answer (what a full re-query fetches).`,
    "",
  );
  lines.push(table(["refresh", "cache", "fetched", "full", "fraction"], b3.map((x, i) => [i + 1, x.cache, x.fetched, x.full, `${fmt((100 * x.fetched) / x.full, 2)}%`])));
  const warm = b3.slice(1).map((x) => x.fetched / x.full);
  lines.push("", `Warm refreshes: median ${fmt(100 * median(warm), 2)}%, worst ${fmt(100 * Math.max(...warm), 2)}% of a full re-query (target ≤ 2%).`, "");
  const targets: (string | number)[][] = [["B3 ≤ 2% of a full re-query per refresh", `${fmt(100 * Math.max(...warm), 2)}% (worst warm refresh)`, Math.max(...warm) <= 0.02 ? "yes" : "no"]];
  return { lines, targets };
}
