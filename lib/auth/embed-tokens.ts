import "server-only";
import { hkdfSync, randomUUID } from "node:crypto";
import path from "node:path";
import { errors as joseErrors, jwtVerify, SignJWT } from "jose";
import { z } from "zod";
import { ApiError } from "@/lib/http/errors";
import { embedClaimsSchema, type EmbedClaims } from "./embed-claims";
import { JsonFileStore } from "./json-file";
import { RevocationCache } from "./revocation-cache";

const ISSUER = "orrery";
const AUDIENCE = "orrery-embed";

export type EmbedTokenFailure = "malformed" | "tampered" | "expired" | "revoked" | "wrong-dashboard" | "wrong-panel";

/** An embed token that may not be used; 401 when the token itself is bad, 403 when it is valid but for something else. */
export class EmbedTokenError extends ApiError {
  constructor(
    readonly reason: EmbedTokenFailure,
    message: string,
  ) {
    const forbidden = reason === "wrong-dashboard" || reason === "wrong-panel";
    super(forbidden ? 403 : 401, `embed_token_${reason.replace("-", "_")}`, message, undefined, { reason });
  }
}

/** HS256 key for embed tokens, derived from the auth secret so it is never the session key itself. */
export function embedSigningKey(secret: string): Uint8Array {
  return new Uint8Array(hkdfSync("sha256", secret, "orrery", "orrery embed token v1", 32));
}

const recordSchema = z.strictObject({
  jti: z.string(),
  uid: z.string(),
  panels: z.array(z.number()),
  ver: z.number(),
  createdBy: z.string(),
  createdAtMs: z.number(),
  expiresAtMs: z.number(),
  revokedAtMs: z.number().optional(),
  revokedBy: z.string().optional(),
});
export type EmbedTokenRecord = z.infer<typeof recordSchema>;
const fileSchema = z.strictObject({ version: z.literal(1), tokens: z.array(recordSchema) });

// Records of tokens expired this long ago are dropped on the next write: they verify as expired anyway.
const KEEP_EXPIRED_MS = 7 * 86_400_000;

/** Minted embed tokens (metadata only, never the token) and their revocations: `<dir>/embed-tokens.json`. */
export class EmbedTokenStore {
  private readonly store: JsonFileStore<z.infer<typeof fileSchema>>;
  /** Shared fast path for revocations when Redis is configured (lib/auth/revocation-cache.ts). */
  private readonly revocations = new RevocationCache();

  constructor(dir: string) {
    this.store = new JsonFileStore(path.join(dir, "embed-tokens.json"), fileSchema, () => ({ version: 1, tokens: [] }));
  }

  async add(record: EmbedTokenRecord, nowMs = Date.now()): Promise<void> {
    await this.store.update((doc) => {
      doc.tokens = doc.tokens.filter((t) => t.expiresAtMs + KEEP_EXPIRED_MS > nowMs);
      doc.tokens.push(record);
      return { result: undefined };
    });
  }

  /** Tokens not yet expired, newest first; `uid` narrows to one dashboard. */
  async list(opts: { uid?: string; nowMs?: number } = {}): Promise<EmbedTokenRecord[]> {
    const now = opts.nowMs ?? Date.now();
    const { tokens } = await this.store.read();
    return tokens.filter((t) => t.expiresAtMs > now && (!opts.uid || t.uid === opts.uid)).sort((a, b) => b.createdAtMs - a.createdAtMs);
  }

  /** Revokes a token by id; false when no such token is recorded. Revoking twice keeps the first time. */
  async revoke(jti: string, by: string, nowMs = Date.now()): Promise<boolean> {
    const expiresAtMs = await this.store.update((doc) => {
      const t = doc.tokens.find((x) => x.jti === jti);
      if (!t) return { result: undefined, write: false };
      if (t.revokedAtMs === undefined) Object.assign(t, { revokedAtMs: nowMs, revokedBy: by });
      return { result: t.expiresAtMs };
    });
    if (expiresAtMs === undefined) return false;
    await this.revocations.markRevoked(jti, expiresAtMs);
    return true;
  }

  /** Unknown ids count as revoked: a token this server never recorded (or pruned) is not honoured. */
  async isRevoked(jti: string): Promise<boolean> {
    return this.revocations.isRevoked(jti, async () => {
      const { tokens } = await this.store.read();
      const t = tokens.find((x) => x.jti === jti);
      return !t || t.revokedAtMs !== undefined;
    });
  }
}

export interface MintOptions {
  secret: string;
  store: EmbedTokenStore;
  createdBy: string;
  ttlSeconds: number;
  maxTtlSeconds: number;
  nowMs?: number;
}

/** Signs an embed token for `claims` and records it (so it can be listed and revoked). */
export async function mintEmbedToken(claims: EmbedClaims, opts: MintOptions): Promise<{ token: string; record: EmbedTokenRecord }> {
  const checked = embedClaimsSchema.parse(claims);
  if (!Number.isInteger(opts.ttlSeconds) || opts.ttlSeconds < 60 || opts.ttlSeconds > opts.maxTtlSeconds) {
    throw new ApiError(400, "bad_request", `embed token lifetime must be 60 to ${opts.maxTtlSeconds} seconds, got ${opts.ttlSeconds}`);
  }
  const nowMs = opts.nowMs ?? Date.now();
  const iat = Math.floor(nowMs / 1000);
  const jti = randomUUID();
  const token = await new SignJWT({ ...checked })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(opts.createdBy)
    .setJti(jti)
    .setIssuedAt(iat)
    .setExpirationTime(iat + opts.ttlSeconds)
    .sign(embedSigningKey(opts.secret));
  const record: EmbedTokenRecord = {
    jti,
    uid: checked.uid,
    panels: checked.panels,
    ver: checked.ver,
    createdBy: opts.createdBy,
    createdAtMs: iat * 1000,
    expiresAtMs: (iat + opts.ttlSeconds) * 1000,
  };
  await opts.store.add(record, nowMs);
  return { token, record };
}

export interface VerifyOptions {
  secret: string;
  store: EmbedTokenStore;
  /** The dashboard and panel being requested. */
  uid: string;
  panelId: number;
  nowMs?: number;
}

async function verifySignature(token: string, opts: VerifyOptions) {
  try {
    const currentDate = opts.nowMs === undefined ? undefined : new Date(opts.nowMs);
    const { payload } = await jwtVerify(token, embedSigningKey(opts.secret), {
      algorithms: ["HS256"],
      issuer: ISSUER,
      audience: AUDIENCE,
      requiredClaims: ["exp", "iat", "jti"],
      ...(currentDate ? { currentDate } : {}),
    });
    return payload;
  } catch (e) {
    if (e instanceof joseErrors.JWTExpired) throw new EmbedTokenError("expired", "the embed token has expired");
    if (e instanceof joseErrors.JWSSignatureVerificationFailed) throw new EmbedTokenError("tampered", "the embed token's signature does not match");
    throw new EmbedTokenError("malformed", `the embed token is not valid: ${(e as Error).message}`);
  }
}

/**
 * Checks an embed token for one panel: signature (else "tampered"), expiry, revocation, then that
 * it names this dashboard and panel (403). Returns the token's claims and id.
 */
export async function verifyEmbedToken(token: string, opts: VerifyOptions): Promise<{ tokenId: string; claims: EmbedClaims }> {
  if (token.length > 8192 || !/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token)) {
    throw new EmbedTokenError("malformed", "the embed token is not a compact JWT");
  }
  const payload = await verifySignature(token, opts);
  const { iss: _iss, aud: _aud, sub: _sub, jti, iat: _iat, exp: _exp, nbf: _nbf, ...rest } = payload;
  const parsed = embedClaimsSchema.safeParse(rest);
  if (!parsed.success || typeof jti !== "string") throw new EmbedTokenError("malformed", "the embed token's claims are not valid");
  if (await opts.store.isRevoked(jti)) throw new EmbedTokenError("revoked", "the embed token has been revoked");
  if (parsed.data.uid !== opts.uid) throw new EmbedTokenError("wrong-dashboard", `the embed token is not for dashboard ${JSON.stringify(opts.uid)}`);
  if (!parsed.data.panels.includes(opts.panelId)) {
    throw new EmbedTokenError("wrong-panel", `the embed token does not cover panel ${opts.panelId} (only ${parsed.data.panels.join(", ")})`);
  }
  return { tokenId: jti, claims: parsed.data };
}
