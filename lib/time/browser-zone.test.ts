import { afterEach, describe, expect, it, vi } from "vitest";
import { intlTimeZone, temporalTimeZone, withBrowserTimeZone } from "./browser-zone";

const g = globalThis as { Temporal?: unknown; requestIdleCallback?: unknown };

afterEach(() => {
  delete g.Temporal;
  delete g.requestIdleCallback;
  vi.restoreAllMocks();
});

describe("the browser's time zone", () => {
  it("comes from Temporal when the engine has it, without constructing an Intl.DateTimeFormat", () => {
    g.Temporal = { Now: { timeZoneId: () => "Australia/Lord_Howe" } };
    const intl = vi.spyOn(Intl, "DateTimeFormat");
    const seen: string[] = [];
    withBrowserTimeZone((zone) => seen.push(zone));
    // Synchronously: the caller's task writes it.
    expect(seen).toEqual(["Australia/Lord_Howe"]);
    expect(intl).not.toHaveBeenCalled();
  });

  it("falls back to Intl, asked only once the main thread is idle", () => {
    const idle: Array<{ run: () => void; timeout: number | undefined }> = [];
    g.requestIdleCallback = (run: () => void, opts?: { timeout?: number }) => idle.push({ run, timeout: opts?.timeout });
    const zone = new Intl.DateTimeFormat().resolvedOptions().timeZone;
    const intl = vi.spyOn(Intl, "DateTimeFormat");
    const seen: string[] = [];
    withBrowserTimeZone((zone) => seen.push(zone), 1_500);
    expect(seen).toEqual([]);
    expect(intl).not.toHaveBeenCalled();
    expect(idle.map((x) => x.timeout)).toEqual([1_500]);
    idle[0]!.run();
    expect(seen).toEqual([zone]);
    expect(intl).toHaveBeenCalled();
  });

  it("ignores a Temporal that throws or answers nothing, and an Intl that throws gives an empty zone", () => {
    g.Temporal = { Now: { timeZoneId: () => { throw new RangeError("no zone"); } } };
    expect(temporalTimeZone()).toBeNull();
    g.Temporal = { Now: { timeZoneId: () => "" } };
    expect(temporalTimeZone()).toBeNull();
    g.Temporal = {};
    expect(temporalTimeZone()).toBeNull();
    vi.spyOn(Intl, "DateTimeFormat").mockImplementation(() => {
      throw new RangeError("broken ICU");
    });
    expect(intlTimeZone()).toBe("");
  });
});
