import { describe, expect, it } from "vitest";
import { TailStore } from "./tail-store";

const series = (tag: string) => [{ metric: { tag }, values: [[1, "1"] as [number, string]] }];

describe("TailStore", () => {
  it("answers only ranges inside a kept tail of the same key, within its window", () => {
    const s = new TailStore(1e6);
    s.add("k", { start: 100, end: 200, series: series("a") }, 0, 1000, 10);
    expect(s.find("k", { start: 100, end: 200 }, 500)).toEqual(series("a"));
    expect(s.find("k", { start: 150, end: 200 }, 500)).toEqual(series("a"));
    expect(s.find("k", { start: 90, end: 200 }, 500)).toBeUndefined(); // starts before the tail
    expect(s.find("k", { start: 150, end: 210 }, 500)).toBeUndefined(); // ends after it
    expect(s.find("other", { start: 150, end: 200 }, 500)).toBeUndefined();
    expect(s.find("k", { start: 150, end: 200 }, 1000)).toBeUndefined(); // window over
  });

  it("prefers the newest tail and forgets expired ones", () => {
    const s = new TailStore(1e6);
    s.add("k", { start: 100, end: 200, series: series("old") }, 0, 1000, 10);
    s.add("k", { start: 100, end: 200, series: series("new") }, 10, 1010, 10);
    expect(s.find("k", { start: 100, end: 200 }, 20)).toEqual(series("new"));
    s.add("j", { start: 0, end: 1, series: series("j") }, 2000, 3000, 10);
    expect(s.size).toBe(1);
  });

  it("stays within its byte bound, dropping the entry that expires first", () => {
    const s = new TailStore(25);
    s.add("a", { start: 0, end: 1, series: series("a") }, 0, 100, 10);
    s.add("b", { start: 0, end: 1, series: series("b") }, 0, 200, 10);
    s.add("c", { start: 0, end: 1, series: series("c") }, 0, 300, 10);
    expect(s.find("a", { start: 0, end: 1 }, 1)).toBeUndefined();
    expect(s.find("b", { start: 0, end: 1 }, 1)).toEqual(series("b"));
    expect(s.find("c", { start: 0, end: 1 }, 1)).toEqual(series("c"));
    s.add("huge", { start: 0, end: 1, series: series("h") }, 0, 100, 26);
    expect(s.find("huge", { start: 0, end: 1 }, 1)).toBeUndefined();
  });
});
