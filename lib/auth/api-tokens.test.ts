import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ApiTokenStore, bearerToken } from "./api-tokens";

// The file store's atomic write, failing on demand as on a full or read-only disk (test:hard injects
// the real syscall faults with strace; this keeps the unit test portable).
const writes = vi.hoisted(() => ({ fail: false, failed: 0 }));
vi.mock("@/lib/dashboards/repository/atomic", async (original) => {
  const real = await original<typeof import("@/lib/dashboards/repository/atomic")>();
  return {
    ...real,
    writeFileAtomic: (...args: Parameters<typeof real.writeFileAtomic>) => {
      if (!writes.fail) return real.writeFileAtomic(...args);
      writes.failed++;
      return Promise.reject(Object.assign(new Error("EROFS: read-only file system, rename"), { code: "EROFS" }));
    },
  };
});

let dir: string;
let store: ApiTokenStore;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "orrery-tokens-"));
  store = new ApiTokenStore(dir);
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe("API tokens", () => {
  it("creates an orr_ token with 32 random bytes, stores only its SHA-256, verifies it", async () => {
    const { token, info } = await store.create({ name: "ci deploys", role: "editor", createdBy: "admin" });
    expect(token).toMatch(/^orr_[A-Za-z0-9_-]{43}$/);
    const file = await readFile(path.join(dir, "api-tokens.json"), "utf8");
    expect(file).not.toContain(token.slice(4));
    expect(file).toMatch(/"sha256": "[0-9a-f]{64}"/);
    expect(await store.verify(token)).toMatchObject({ id: info.id, name: "ci deploys", role: "editor", createdBy: "admin" });
  });

  it("does not list or return the hash", async () => {
    await store.create({ name: "a", role: "viewer", createdBy: "admin" });
    const [listed] = await store.list();
    expect(listed).toBeDefined();
    expect(Object.keys(listed!)).not.toContain("sha256");
  });

  it("refuses unknown, altered and malformed tokens", async () => {
    const { token } = await store.create({ name: "a", role: "admin", createdBy: "admin" });
    const altered = token.slice(0, -1) + (token.endsWith("A") ? "B" : "A");
    for (const t of [altered, "orr_" + "A".repeat(43), token.slice(4), `${token}x`, "", "Bearer " + token]) {
      expect(await store.verify(t)).toBeNull();
    }
  });

  it("revokes: the token stops working at once, other tokens keep working", async () => {
    const a = await store.create({ name: "a", role: "admin", createdBy: "admin" });
    const b = await store.create({ name: "b", role: "viewer", createdBy: "admin" });
    expect(await store.revoke(a.info.id)).toBe(true);
    expect(await store.verify(a.token)).toBeNull();
    expect(await store.verify(b.token)).not.toBeNull();
    expect(await store.revoke(a.info.id)).toBe(false);
    expect((await store.list()).map((t) => t.name)).toEqual(["b"]);
  });

  it("still verifies a token when recording its last use fails (disk full, read-only): the write is bookkeeping", async () => {
    const { token, info } = await store.create({ name: "a", role: "viewer", createdBy: "admin" });
    const saved = await readFile(path.join(dir, "api-tokens.json"), "utf8");
    writes.fail = true;
    try {
      expect(await store.verify(token, new Date("2026-01-01T00:00:00Z"))).toMatchObject({ id: info.id, role: "viewer" });
      expect(writes.failed).toBe(1);
      // Other writes still report the fault.
      await expect(store.create({ name: "b", role: "viewer", createdBy: "admin" })).rejects.toThrow(/EROFS/);
    } finally {
      writes.fail = false;
    }
    expect(await readFile(path.join(dir, "api-tokens.json"), "utf8")).toBe(saved);
    // Recorded at the next use once writes work again.
    await store.verify(token, new Date("2026-01-01T00:00:01Z"));
    expect((await store.list())[0]!.lastUsedAt).toBe("2026-01-01T00:00:01.000Z");
  });

  it("records lastUsedAt on use (at most once a minute)", async () => {
    const { token, info } = await store.create({ name: "a", role: "viewer", createdBy: "admin" });
    expect(info.lastUsedAt).toBeUndefined();
    await store.verify(token, new Date("2026-01-01T00:00:00Z"));
    await store.verify(token, new Date("2026-01-01T00:00:30Z"));
    expect((await store.list())[0]!.lastUsedAt).toBe("2026-01-01T00:00:00.000Z");
    await store.verify(token, new Date("2026-01-01T00:01:05Z"));
    expect((await store.list())[0]!.lastUsedAt).toBe("2026-01-01T00:01:05.000Z");
  });

  it("keeps every token when many are created concurrently", async () => {
    const created = await Promise.all(Array.from({ length: 20 }, (_, i) => store.create({ name: `t${i}`, role: "viewer", createdBy: "admin" })));
    expect(await store.list()).toHaveLength(20);
    for (const { token } of created) expect(await store.verify(token)).not.toBeNull();
  });

  it("validates name and role", async () => {
    await expect(store.create({ name: " ", role: "viewer", createdBy: "admin" })).rejects.toThrow();
    await expect(store.create({ name: "x", role: "root" as never, createdBy: "admin" })).rejects.toThrow();
  });

  it("reads the bearer token from the Authorization header", () => {
    const h = (v?: string) => new Request("http://x/", v === undefined ? {} : { headers: { authorization: v } });
    expect(bearerToken(h())).toBeUndefined();
    expect(bearerToken(h("Bearer orr_abc"))).toBe("orr_abc");
    expect(bearerToken(h("bearer   orr_abc"))).toBe("orr_abc");
    expect(bearerToken(h("Basic YWRtaW46YWRtaW4="))).toBeNull();
    expect(bearerToken(h("Bearer"))).toBeNull();
    expect(bearerToken(h("Bearer a b"))).toBeNull();
  });
});
