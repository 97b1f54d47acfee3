import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  crossFieldError,
  decodeWhatIfState,
  EMPTY_WHAT_IF,
  encodeWhatIfState,
  parseWhatIfField,
  WHAT_IF_FIELDS,
  type WhatIfUrlState,
} from "./url-state";

describe("parseWhatIfField", () => {
  it.each([
    ["target", "10", 10],
    ["target", " 0.5 ", 0.5],
    ["target", "", undefined],
    ["containerConcurrency", "0", 0],
    ["containerConcurrency", "1000", 1000],
    ["window", "90", 90],
    ["window", "2m", 120],
    ["window", "1h", 3600],
    ["panicThresholdPercentage", "110", 110],
    ["targetBurstCapacity", "-1", -1],
    ["targetBurstCapacity", "0", 0],
    ["maxScale", "0", 0],
    ["scaleToZeroGracePeriod", "45s", 45],
    ["startupSeconds", "2.5", 2.5],
  ] as const)("%s %j → %j", (key, text, value) => {
    expect(parseWhatIfField(key, text)).toEqual({ ok: true, value });
  });

  it.each([
    ["target", "0.001", "Target must be a number ≥ 0.01"],
    ["target", "abc", 'not "abc"'],
    ["target", "1e400", "Target must be"],
    ["targetUtilizationPercentage", "101", "from 1 to 100"],
    ["containerConcurrency", "1.5", "whole number from 0 to 1000"],
    ["containerConcurrency", "1001", "whole number"],
    ["containerConcurrency", "-1", "whole number"],
    ["window", "5", "from 6s to 1h"],
    ["window", "1500ms", "whole seconds"],
    ["window", "2h", "from 6s to 1h"],
    ["panicThresholdPercentage", "100", "from 110 to 1000"],
    ["maxScaleUpRate", "1", "> 1"],
    ["maxScaleDownRate", "0.5", "> 1"],
    ["minScale", "-2", "whole number ≥ 0"],
    ["targetBurstCapacity", "-2", "≥ 0, or -1"],
    ["scaleToZeroGracePeriod", "0", "from 1s"],
    ["startupSeconds", "601", "from 0 to 600"],
  ] as const)("%s %j is refused naming the rule", (key, text, fragment) => {
    const result = parseWhatIfField(key, text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toContain(fragment);
      expect(result.error).toContain(WHAT_IF_FIELDS[key].label);
    }
  });
});

describe("crossFieldError", () => {
  it.each([
    [{ minScale: 2, maxScale: 1 }, true],
    [{ minScale: 2, maxScale: 0 }, false],
    [{ minScale: 2, maxScale: 2 }, false],
    [{ maxScale: 1 }, false],
  ])("%j → error %s", (settings, isError) => {
    expect(crossFieldError(settings) !== null).toBe(isError);
  });
});

describe("decodeWhatIfState", () => {
  it("reads every field and the range, ignoring the view's own parameters", () => {
    const { state, notices } = decodeWhatIfState(
      "ds=east&from=now-1h&wi.target=50&wi.tu=80&wi.cc=10&wi.window=2m&wi.pwp=20&wi.ptp=300&wi.up=10&wi.down=4" +
        "&wi.min=1&wi.max=9&wi.grace=1m&wi.tbc=-1&wi.startup=3&wi.from=1700000000&wi.to=1700003600",
    );
    expect(notices).toEqual([]);
    expect(state).toEqual({
      settings: {
        target: 50,
        targetUtilizationPercentage: 80,
        containerConcurrency: 10,
        window: 120,
        panicWindowPercentage: 20,
        panicThresholdPercentage: 300,
        maxScaleUpRate: 10,
        maxScaleDownRate: 4,
        minScale: 1,
        maxScale: 9,
        scaleToZeroGracePeriod: 60,
        targetBurstCapacity: -1,
        startupSeconds: 3,
      },
      range: { startS: 1700000000, endS: 1700003600 },
    });
  });

  it("drops each invalid value with a notice naming its parameter, keeping the valid ones", () => {
    const { state, notices } = decodeWhatIfState("wi.target=-5&wi.cc=ten&wi.window=30&wi.min=3&wi.max=2");
    expect(state.settings).toEqual({ window: 30, minScale: 3 });
    expect(notices).toHaveLength(3);
    expect(notices[0]).toMatch(/^wi\.target: Target must be a number ≥ 0\.01, not "-5"/);
    expect(notices[1]).toMatch(/^wi\.cc: containerConcurrency must be a whole number/);
    expect(notices[2]).toMatch(/^wi\.max: Max scale \(2\) must be ≥ min scale \(3\)/);
  });

  it.each([
    ["wi.from=100&wi.to=50", "wi.from < wi.to"],
    ["wi.from=100", "wi.from < wi.to"],
    ["wi.from=abc&wi.to=200", "whole unix seconds"],
    ["wi.from=0&wi.to=999999", "more than 2 days"],
  ])("bad range %s falls back to the page's range", (search, fragment) => {
    const { state, notices } = decodeWhatIfState(search);
    expect(state.range).toBeNull();
    expect(notices.join("\n")).toContain(fragment);
  });

  it("an empty query string is the empty state", () => {
    expect(decodeWhatIfState("")).toEqual({ state: EMPTY_WHAT_IF, notices: [] });
  });
});

describe("encodeWhatIfState", () => {
  it("keeps the page's other parameters and removes unset what-if parameters", () => {
    const encoded = encodeWhatIfState({ settings: { target: 20 }, range: null }, "ds=west&wi.cc=5&wi.from=1&wi.to=2&rev=a");
    const params = new URLSearchParams(encoded);
    expect(params.get("ds")).toBe("west");
    expect(params.get("rev")).toBe("a");
    expect(params.get("wi.target")).toBe("20");
    expect(params.has("wi.cc")).toBe(false);
    expect(params.has("wi.from")).toBe(false);
  });

  it("reset (the empty state) leaves only the page's parameters", () => {
    expect(encodeWhatIfState(EMPTY_WHAT_IF, "ds=west&wi.target=3&wi.startup=2")).toBe("ds=west");
  });

  const settingsArb = fc.record(
    {
      target: fc.double({ min: 0.01, max: 1e6, noNaN: true }),
      targetUtilizationPercentage: fc.integer({ min: 1, max: 100 }),
      containerConcurrency: fc.integer({ min: 0, max: 1000 }),
      window: fc.integer({ min: 6, max: 3600 }),
      panicWindowPercentage: fc.double({ min: 1, max: 100, noNaN: true }),
      panicThresholdPercentage: fc.double({ min: 110, max: 1000, noNaN: true }),
      maxScaleUpRate: fc.double({ min: 1.001, max: 1e4, noNaN: true }),
      maxScaleDownRate: fc.double({ min: 1.001, max: 1e4, noNaN: true }),
      minScale: fc.integer({ min: 0, max: 50 }),
      maxScale: fc.constantFrom(0, 50, 100),
      scaleToZeroGracePeriod: fc.integer({ min: 1, max: 3600 }),
      targetBurstCapacity: fc.oneof(fc.constant(-1), fc.integer({ min: 0, max: 1000 })),
      startupSeconds: fc.double({ min: 0, max: 600, noNaN: true }),
    },
    { requiredKeys: [] },
  );
  const rangeArb = fc.option(
    fc.record({ startS: fc.integer({ min: 0, max: 2e9 }), lengthS: fc.integer({ min: 1, max: 2 * 86400 }) }).map(({ startS, lengthS }) => ({ startS, endS: startS + lengthS })),
    { nil: null },
  );

  it("round-trips every valid state (property)", () => {
    fc.assert(
      fc.property(settingsArb, rangeArb, fc.constantFrom("", "ds=east&rev=x"), (settings, range, base) => {
        const state: WhatIfUrlState = { settings, range };
        const decoded = decodeWhatIfState(encodeWhatIfState(state, base));
        expect(decoded.notices).toEqual([]);
        expect(decoded.state).toEqual(state);
      }),
    );
  });
});
