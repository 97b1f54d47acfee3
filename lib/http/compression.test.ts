import { describe, expect, it } from "vitest";
import { cacheControlFor, isSmallBody } from "./compression";

describe("isSmallBody", () => {
  it("counts UTF-8 bytes of strings and bytes of buffers", () => {
    expect(isSmallBody("a".repeat(99), 100)).toBe(true);
    expect(isSmallBody("a".repeat(100), 100)).toBe(false);
    expect(isSmallBody("€".repeat(33), 100)).toBe(true); // 99 bytes
    expect(isSmallBody("€".repeat(34), 100)).toBe(false); // 102 bytes in 34 characters
    expect(isSmallBody(new Uint8Array(99), 100)).toBe(true);
    expect(isSmallBody(Buffer.alloc(100), 100)).toBe(false);
    expect(isSmallBody("", 0)).toBe(false);
  });
});

describe("cacheControlFor", () => {
  it("adds no-transform below the threshold only, once, keeping the directives", () => {
    expect(cacheControlFor("private, no-cache", "x", 10)).toBe("private, no-cache, no-transform");
    expect(cacheControlFor("", "x", 10)).toBe("no-transform");
    expect(cacheControlFor("private, no-cache", "x".repeat(10), 10)).toBe("private, no-cache");
    expect(cacheControlFor("no-store, No-Transform", "x", 10)).toBe("no-store, No-Transform");
    expect(cacheControlFor("max-age=60", "x", 0)).toBe("max-age=60");
  });
});
