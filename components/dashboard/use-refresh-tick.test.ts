import { describe, expect, it } from "vitest";
import { firstNow, INITIAL_NOW_MAX_AGE_MS } from "./use-refresh-tick";

describe("firstNow", () => {
  const clock = 1_700_000_000_000;
  it("takes the server's now when it is recent (the early queries were planned with it)", () => {
    expect(firstNow(clock - 1_234, clock)).toBe(clock - 1_234);
    expect(firstNow(clock - INITIAL_NOW_MAX_AGE_MS, clock)).toBe(clock - INITIAL_NOW_MAX_AGE_MS);
    // A server clock slightly ahead of the browser's is still the same page load.
    expect(firstNow(clock + 2_000, clock)).toBe(clock + 2_000);
  });
  it("takes the clock for a page restored from a cache, a skewed server clock, or none given", () => {
    expect(firstNow(clock - INITIAL_NOW_MAX_AGE_MS - 1, clock)).toBe(clock);
    expect(firstNow(clock + INITIAL_NOW_MAX_AGE_MS + 1, clock)).toBe(clock);
    expect(firstNow(undefined, clock)).toBe(clock);
    expect(firstNow(Number.NaN, clock)).toBe(clock);
  });
});
