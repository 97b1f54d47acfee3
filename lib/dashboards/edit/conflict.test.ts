import { describe, expect, it } from "vitest";
import { describeConflict, readConflict } from "./conflict";

describe("conflicts", () => {
  it.each([
    { body: { error: { code: "conflict", message: "m", current: { version: 3, updatedAt: "2026-01-02T03:04:05.000Z", updatedBy: "ann" } } }, want: { version: 3, updatedAt: "2026-01-02T03:04:05.000Z", updatedBy: "ann" } },
    { body: { error: { code: "already_exists", message: "m" } }, want: null },
    { body: "nope", want: null },
  ])("reads $body", ({ body, want }) => {
    expect(readConflict(body)).toEqual(want);
  });

  it.each([
    { updatedAt: "2026-01-02T03:04:05.000Z", want: "This dashboard was saved by ann at 2 Jan 2026, 03:04:05 (version 3); you edited version 2." },
    { updatedAt: "garbage", want: "This dashboard was saved by ann at garbage (version 3); you edited version 2." },
  ])("describes a save at $updatedAt", ({ updatedAt, want }) => {
    expect(describeConflict({ version: 3, updatedAt, updatedBy: "ann" }, 2, "UTC")).toBe(want);
  });
});
