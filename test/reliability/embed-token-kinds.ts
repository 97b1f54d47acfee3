import { randomUUID } from "node:crypto";
import { SignJWT } from "jose";
import { embedSigningKey } from "@/lib/auth/embed-tokens";

// The table of tampered and foreign embed tokens for embed-tokens.test.ts, derived from genuine ones:
// edited claims under the old signature, altered bytes, alg none / HS512 / foreign keys, tokens signed
// with the right key but never recorded, and malformed strings. None of them grants anything, except
// the whitespace-padded genuine token (HTTP strips it), which carries the genuine token's grant.

/** What a token legitimately grants: the panel's stored queries at `ver`, with these job values. */
export interface Grant {
  uid: string;
  panels: number[];
  ver: number;
  /** Variables the token pins (name → allowed values); absent ones take the dashboard's default. */
  vars: Record<string, string[]>;
}

export interface TokenCase {
  name: string;
  token: string;
  /** Set when the token is genuine, unexpired and unrevoked. */
  grant?: Grant;
}

/** The genuine tokens the table is derived from. */
export interface GenuineTokens {
  /** Panel 2 of dashboard A at version 1, job ∈ {node, api}; its grant. */
  a2v1: { token: string; grant: Grant };
  /** Panel 3 of A at version 1. */
  a3v1: string;
  /** A token its owner revoked. */
  revoked: string;
  /** A token whose lifetime is over. */
  expired: string;
}

const b64 = (s: string | Uint8Array) => Buffer.from(s).toString("base64url");
const unb64 = (s: string) => Buffer.from(s, "base64url").toString("utf8");
const B64_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** Replaces the character at `i` of `s` with another base64url character. */
function flipChar(s: string, i: number): string {
  const c = s[i]!;
  const other = B64_ALPHABET[(B64_ALPHABET.indexOf(c) + 1 + (i % 60)) % 64]!;
  return s.slice(0, i) + other + s.slice(i + 1);
}

function payloadOf(token: string): Record<string, unknown> {
  return JSON.parse(unb64(token.split(".")[1]!)) as Record<string, unknown>;
}

/** The same header and signature with another payload: what a client that edits the claims sends. */
function withPayload(token: string, edit: (p: Record<string, unknown>) => void): string {
  const [h, p, s] = token.split(".");
  const payload = JSON.parse(unb64(p!)) as Record<string, unknown>;
  edit(payload);
  return `${h}.${b64(JSON.stringify(payload))}.${s}`;
}

async function sign(payload: Record<string, unknown>, key: Uint8Array, alg = "HS256"): Promise<string> {
  return new SignJWT(payload).setProtectedHeader({ alg, typ: "JWT" }).sign(key);
}

/**
 * Every kind of tampered or foreign token built from `g`: `secret` is the server's auth secret,
 * `smuggled` a PromQL expression put into claims, `nowMs` the clock the expired token is revived at.
 */
export async function tamperedTokens(g: GenuineTokens, { secret, smuggled, nowMs }: { secret: string; smuggled: string; nowMs: number }): Promise<TokenCase[]> {
  const out: TokenCase[] = [];
  const genuine = g.a2v1.token;
  const key = embedSigningKey(secret);
  const base = payloadOf(genuine);
  const claimsEdits: [string, (p: Record<string, unknown>) => void][] = [
    ["payload: other dashboard", (p) => (p.uid = "emb-b")],
    ["payload: more panels", (p) => (p.panels = [2, 3])],
    ["payload: other version", (p) => (p.ver = 2)],
    ["payload: other variable values", (p) => (p.vars = { job: ["node", "api", "secret"], env: ["prod", "staging"] })],
    ["payload: expr claim", (p) => (p.expr = smuggled)],
    ["payload: later expiry", (p) => (p.exp = Number(p.exp) + 86_400 * 365)],
    ["payload: revoked token's id", (p) => (p.jti = payloadOf(g.revoked).jti)],
    ["payload: expired revived", (p) => Object.assign(p, { ...payloadOf(g.expired), exp: Math.floor(nowMs / 1000) + 3600 })],
  ];
  for (const [name, edit] of claimsEdits) out.push({ name, token: withPayload(genuine, edit) });
  const [h, p, s] = genuine.split(".") as [string, string, string];
  for (const i of [0, 7, 20, 41]) out.push({ name: `signature byte ${i} altered`, token: `${h}.${p}.${flipChar(s, i)}` });
  for (const i of [0, 10, 30, p.length - 2]) out.push({ name: `payload byte ${i} altered`, token: `${h}.${flipChar(p, i)}.${s}` });
  out.push(
    { name: "header byte altered", token: `${flipChar(h, 3)}.${p}.${s}` },
    { name: "signature truncated", token: `${h}.${p}.${s.slice(0, 20)}` },
    { name: "signature removed", token: `${h}.${p}.` },
    { name: "alg none", token: `${b64(JSON.stringify({ alg: "none", typ: "JWT" }))}.${b64(JSON.stringify({ ...base, uid: "emb-a", panels: [2, 3] }))}.` },
    { name: "alg none, old signature", token: `${b64(JSON.stringify({ alg: "none", typ: "JWT" }))}.${p}.${s}` },
    { name: "HS512 with the embed key", token: await sign({ ...base, jti: randomUUID() }, key, "HS512") },
    { name: "foreign server's secret", token: await sign(base, embedSigningKey("another-orrery-secret-0123456789abcdef")) },
    { name: "the auth secret itself as key", token: await sign(base, new TextEncoder().encode(secret)) },
    { name: "right key, never recorded (jti)", token: await sign({ ...base, jti: randomUUID() }, key) },
    { name: "right key, extra claim", token: await sign({ ...base, expr: smuggled }, key) },
    { name: "two tokens", token: `${genuine}.${g.a3v1}` },
    // HTTP strips whitespace around a header value: this one is the genuine token again.
    { name: "token with whitespace (stripped by HTTP)", token: ` ${genuine} `, grant: g.a2v1.grant },
    { name: "token reversed", token: genuine.split("").reverse().join("") },
    { name: "empty", token: "" },
    { name: "garbage", token: "not-a-token" },
    { name: "overlong", token: `${h}.${"A".repeat(9000)}.${s}` },
  );
  return out;
}
