import { describe, expect, it } from "vitest";
import { resolveMinMax } from "./min-max";

describe("resolveMinMax", () => {
  it.each<[string, Array<number | null>, number | undefined, number | undefined, { min: number; max: number }]>([
    ["configured wins", [5, 500], 0, 100, { min: 0, max: 100 }],
    ["data max, min 0", [5, 50, null], undefined, undefined, { min: 0, max: 50 }],
    ["negative data lowers min", [-20, 10], undefined, undefined, { min: -20, max: 10 }],
    ["no data: 0..100", [null], undefined, undefined, { min: 0, max: 100 }],
    ["all zero: 0..1", [0, 0], undefined, undefined, { min: 0, max: 1 }],
    ["only min set", [5, 50], 10, undefined, { min: 10, max: 50 }],
    ["only max set", [5, 50], undefined, 200, { min: 0, max: 200 }],
    ["ignores infinities", [Infinity, 5], undefined, undefined, { min: 0, max: 5 }],
  ])("%s", (_name, values, min, max, expected) => {
    expect(resolveMinMax(values, min, max)).toEqual(expected);
  });
});
