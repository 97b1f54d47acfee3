import { describe, expect, it } from "vitest";
import { shardParts } from "./shards";

const routes = ["a", "b", "c", "d", "e"];
const sizes: Record<string, number> = { a: 100_000, b: 25_000, c: 25_000, d: 12_500, e: 300 };

describe("shardParts (test:hard's route fuzz over processes)", () => {
  it("deals every input of every route to exactly one shard, in parts of at most the part size", () => {
    for (const n of [1, 2, 3, 4, 7]) {
      const all = Array.from({ length: n }, (_, i) => shardParts(routes, (r) => sizes[r]!, `${i + 1}/${n}`, 25_000)).flat();
      for (const r of routes) {
        const mine = all.filter((p) => p.route === r);
        expect(mine.reduce((t, p) => t + p.count, 0), `${r} over ${n} shards`).toBe(sizes[r]);
        expect(new Set(mine.map((p) => p.index)).size).toBe(mine.length);
        expect(mine.every((p) => p.count <= 25_000 && p.of === mine.length)).toBe(true);
      }
    }
  });

  it("splits a big one-route group over the shards and balances the inputs", () => {
    const loads = [1, 2, 3].map((i) => shardParts(routes, (r) => sizes[r]!, `${i}/3`, 25_000).reduce((t, p) => t + p.count, 0));
    // 162,800 inputs: the best split is within one part (25,000) of a third.
    for (const l of loads) expect(Math.abs(l - 162_800 / 3)).toBeLessThanOrEqual(25_000);
    expect(shardParts(routes, (r) => sizes[r]!, "1/3", 25_000).filter((p) => p.route === "a").length).toBeLessThan(4);
  });

  it("sizes parts evenly when a route does not divide by the part size", () => {
    const parts = shardParts(["x"], () => 100_001, "1/1", 25_000);
    expect(parts.map((p) => p.count)).toEqual([20_001, 20_000, 20_000, 20_000, 20_000]);
  });

  it("refuses a malformed shard", () => {
    for (const bad of ["0/2", "3/2", "1", "a/b", "1/2/3"]) expect(() => shardParts(routes, () => 1, bad)).toThrow(/ORRERY_FUZZ_SHARD must be i\/n/);
    expect(shardParts(routes, () => 1, undefined)).toHaveLength(routes.length);
  });
});
