import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { SignJWT, UnsecuredJWT } from "jose";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { EmbedClaims } from "./embed-claims";
import { embedSigningKey, EmbedTokenError, EmbedTokenStore, mintEmbedToken, verifyEmbedToken } from "./embed-tokens";

const SECRET = "embed-test-secret-0123456789abcdefghijkl";
const CLAIMS: EmbedClaims = {
  uid: "node-exporter",
  panels: [2],
  ver: 7,
  vars: { job: ["node", "api"] },
  time: { mode: "relative", maxSpanSeconds: 6 * 3600 },
};
const NOW = Date.parse("2026-03-01T12:00:00Z");

let dir: string;
let store: EmbedTokenStore;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "orrery-embed-"));
  store = new EmbedTokenStore(dir);
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const mint = (claims: EmbedClaims = CLAIMS, ttlSeconds = 3600) =>
  mintEmbedToken(claims, { secret: SECRET, store, createdBy: "eddie", ttlSeconds, maxTtlSeconds: 86_400, nowMs: NOW });

const verify = (token: string, over: Partial<{ uid: string; panelId: number; nowMs: number; secret: string }> = {}) =>
  verifyEmbedToken(token, { secret: SECRET, store, uid: "node-exporter", panelId: 2, nowMs: NOW + 1000, ...over });

async function failure(p: Promise<unknown>): Promise<{ reason: string; status: number }> {
  try {
    await p;
  } catch (e) {
    if (e instanceof EmbedTokenError) return { reason: e.reason, status: e.status };
    throw e;
  }
  throw new Error("expected the token to be refused");
}

describe("embed tokens", () => {
  it("round-trips: claims, token id, listing", async () => {
    const { token, record } = await mint();
    const verified = await verify(token);
    expect(verified).toEqual({ tokenId: record.jti, claims: CLAIMS });
    expect(await store.list({ nowMs: NOW })).toEqual([record]);
    expect(record).toMatchObject({ uid: "node-exporter", panels: [2], ver: 7, createdBy: "eddie", expiresAtMs: NOW + 3_600_000 });
  });

  it("tampered: a changed claim (panel 2 → 3) breaks the signature → 401", async () => {
    const { token } = await mint();
    const [h, p, s] = token.split(".");
    const payload = JSON.parse(Buffer.from(p!, "base64url").toString()) as { panels: number[] };
    payload.panels = [3];
    const forged = [h, Buffer.from(JSON.stringify(payload)).toString("base64url"), s].join(".");
    expect(await failure(verify(forged, { panelId: 3 }))).toEqual({ reason: "tampered", status: 401 });
  });

  it("tampered: signed with another secret → 401", async () => {
    const { token } = await mint();
    expect(await failure(verify(token, { secret: "another-secret-entirely-0123456789abcdef" }))).toEqual({ reason: "tampered", status: 401 });
  });

  it("refuses alg:none and a token signed with the raw secret instead of the derived key", async () => {
    const unsigned = new UnsecuredJWT({ ...CLAIMS }).setIssuer("orrery").setAudience("orrery-embed").setJti("x").setIssuedAt().setExpirationTime("1h").encode();
    expect((await failure(verify(unsigned, { nowMs: Date.now() }))).status).toBe(401);
    const rawKey = await new SignJWT({ ...CLAIMS })
      .setProtectedHeader({ alg: "HS256" })
      .setIssuer("orrery")
      .setAudience("orrery-embed")
      .setJti("x")
      .setIssuedAt()
      .setExpirationTime("1h")
      .sign(new TextEncoder().encode(SECRET));
    expect(await failure(verify(rawKey, { nowMs: Date.now() }))).toEqual({ reason: "tampered", status: 401 });
  });

  it("expired → 401", async () => {
    const { token } = await mint(CLAIMS, 60);
    expect(await failure(verify(token, { nowMs: NOW + 61_000 }))).toEqual({ reason: "expired", status: 401 });
  });

  it("revoked → 401, and only that token", async () => {
    const a = await mint();
    const b = await mint();
    expect(await store.revoke(a.record.jti, "admin")).toBe(true);
    expect(await failure(verify(a.token))).toEqual({ reason: "revoked", status: 401 });
    await expect(verify(b.token)).resolves.toMatchObject({ tokenId: b.record.jti });
    expect(await store.revoke("no-such-id", "admin")).toBe(false);
  });

  it("a validly signed token this server never recorded counts as revoked", async () => {
    const stray = await new SignJWT({ ...CLAIMS })
      .setProtectedHeader({ alg: "HS256" })
      .setIssuer("orrery")
      .setAudience("orrery-embed")
      .setJti("never-recorded")
      .setIssuedAt(Math.floor(NOW / 1000))
      .setExpirationTime(Math.floor(NOW / 1000) + 600)
      .sign(embedSigningKey(SECRET));
    expect(await failure(verify(stray))).toEqual({ reason: "revoked", status: 401 });
  });

  it("wrong panel (token for panel 2 used for panel 3) → 403", async () => {
    const { token } = await mint();
    expect(await failure(verify(token, { panelId: 3 }))).toEqual({ reason: "wrong-panel", status: 403 });
  });

  it("wrong dashboard → 403", async () => {
    const { token } = await mint();
    expect(await failure(verify(token, { uid: "other" }))).toEqual({ reason: "wrong-dashboard", status: 403 });
  });

  it.each(["", "abc", "a.b", "a.b.c.d", "x".repeat(9000)])("malformed %j → 401", async (token) => {
    expect(await failure(verify(token))).toEqual({ reason: "malformed", status: 401 });
  });

  it("refuses to mint beyond the maximum lifetime or with invalid claims", async () => {
    await expect(mint(CLAIMS, 86_401)).rejects.toThrow(/lifetime/);
    await expect(mint({ ...CLAIMS, panels: [] })).rejects.toThrow();
    await expect(mint({ ...CLAIMS, uid: "../etc" })).rejects.toThrow();
  });
});
