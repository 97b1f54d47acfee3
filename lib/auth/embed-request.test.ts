import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/http/errors";
import type { EmbedClaims } from "./embed-claims";
import { resolveEmbedView } from "./embed-request";

const NOW = 1_800_000_000_000;
const H = 3_600_000;
const relative: EmbedClaims = { uid: "d", panels: [1], ver: 1, vars: { job: ["node", "api"], env: ["prod"] }, time: { mode: "relative", maxSpanSeconds: 6 * 3600 } };
const fixed: EmbedClaims = { ...relative, time: { mode: "fixed", fromMs: NOW - 24 * H, toMs: NOW - 12 * H } };

describe("resolveEmbedView", () => {
  it("fills pinned defaults and keeps allowed values", () => {
    expect(resolveEmbedView(relative, { vars: {}, nowMs: NOW }).vars).toEqual({ job: ["node"], env: ["prod"] });
    expect(resolveEmbedView(relative, { vars: { job: ["api"] }, nowMs: NOW }).vars).toEqual({ job: ["api"], env: ["prod"] });
  });

  it.each([
    [{ instance: ["x"] }, /variable "instance"/],
    [{ job: ["node", "evil"] }, /job="evil"/],
    [{ env: ["staging"] }, /env="staging"/],
    [Object.fromEntries([["__proto__", ["x"]]]) as Record<string, string[]>, /variable "__proto__"/],
    [Object.fromEntries([["constructor", ["x"]]]) as Record<string, string[]>, /variable "constructor"/],
  ])("refuses variables outside the token %j with 403", (vars, message) => {
    let err: unknown;
    try {
      resolveEmbedView(relative, { vars, nowMs: NOW });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(403);
    expect((err as ApiError).message).toMatch(message);
  });

  it("relative: defaults to the maximum span ending now; clamps longer spans and future ends", () => {
    expect(resolveEmbedView(relative, { vars: {}, nowMs: NOW })).toMatchObject({ fromMs: NOW - 6 * H, toMs: NOW });
    expect(resolveEmbedView(relative, { vars: {}, fromMs: NOW - 30 * 24 * H, toMs: NOW, nowMs: NOW })).toMatchObject({ fromMs: NOW - 6 * H, toMs: NOW });
    expect(resolveEmbedView(relative, { vars: {}, fromMs: NOW - H, toMs: NOW + 5 * H, nowMs: NOW })).toMatchObject({ fromMs: NOW - H, toMs: NOW });
    expect(resolveEmbedView(relative, { vars: {}, fromMs: NOW - 3 * H, toMs: NOW - 2 * H, nowMs: NOW })).toMatchObject({ fromMs: NOW - 3 * H, toMs: NOW - 2 * H });
  });

  it("fixed: the pinned window, or a part of it; never outside", () => {
    expect(resolveEmbedView(fixed, { vars: {}, nowMs: NOW })).toMatchObject({ fromMs: NOW - 24 * H, toMs: NOW - 12 * H });
    expect(resolveEmbedView(fixed, { vars: {}, fromMs: NOW - 20 * H, toMs: NOW - 18 * H, nowMs: NOW })).toMatchObject({ fromMs: NOW - 20 * H, toMs: NOW - 18 * H });
    expect(resolveEmbedView(fixed, { vars: {}, fromMs: 0, toMs: NOW, nowMs: NOW })).toMatchObject({ fromMs: NOW - 24 * H, toMs: NOW - 12 * H });
    expect(resolveEmbedView(fixed, { vars: {}, fromMs: NOW - H, toMs: NOW, nowMs: NOW })).toMatchObject({ fromMs: NOW - 24 * H, toMs: NOW - 12 * H });
  });
});
