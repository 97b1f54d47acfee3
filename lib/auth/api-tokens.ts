import "server-only";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import path from "node:path";
import { z } from "zod";
import { log } from "@/lib/ops/log";
import { roleSchema, type Role } from "./roles";
import { JsonFileStore } from "./json-file";

/** Every API token starts with this, so secret scanners and logs can recognise one. */
export const API_TOKEN_PREFIX = "orr_";
const TOKEN_PATTERN = /^orr_[A-Za-z0-9_-]{43}$/;
// lastUsed is written at most this often per token, so a busy automation does not rewrite the file per request.
const LAST_USED_RESOLUTION_MS = 60_000;

const recordSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  role: roleSchema,
  /** SHA-256 of the whole token, hex. The token itself is never stored. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  createdBy: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().optional(),
});
const fileSchema = z.strictObject({ version: z.literal(1), tokens: z.array(recordSchema) });

type StoredToken = z.infer<typeof recordSchema>;
/** A token as listed: everything but its hash. */
export type ApiTokenInfo = Omit<StoredToken, "sha256">;

export const createApiTokenSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  role: roleSchema,
});

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const info = ({ sha256: _hash, ...rest }: StoredToken): ApiTokenInfo => rest;

/** API tokens for automation, stored hashed in `<dir>/api-tokens.json`. */
export class ApiTokenStore {
  private readonly store: JsonFileStore<z.infer<typeof fileSchema>>;

  constructor(dir: string) {
    this.store = new JsonFileStore(path.join(dir, "api-tokens.json"), fileSchema, () => ({ version: 1, tokens: [] }));
  }

  /** Creates a token; the returned `token` is shown once and cannot be recovered. */
  async create(input: { name: string; role: Role; createdBy: string }, now = new Date()): Promise<{ token: string; info: ApiTokenInfo }> {
    const { name, role } = createApiTokenSchema.parse({ name: input.name, role: input.role });
    const token = API_TOKEN_PREFIX + randomBytes(32).toString("base64url");
    const record: StoredToken = {
      id: randomBytes(8).toString("hex"),
      name,
      role,
      sha256: sha256(token),
      createdBy: input.createdBy,
      createdAt: now.toISOString(),
    };
    await this.store.update((doc) => {
      doc.tokens.push(record);
      return { result: undefined };
    });
    return { token, info: info(record) };
  }

  async list(): Promise<ApiTokenInfo[]> {
    return (await this.store.read()).tokens.map(info);
  }

  /** Deletes a token; false when there is none with this id. */
  async revoke(id: string): Promise<boolean> {
    return this.store.update((doc) => {
      const before = doc.tokens.length;
      doc.tokens = doc.tokens.filter((t) => t.id !== id);
      return { result: doc.tokens.length !== before, write: doc.tokens.length !== before };
    });
  }

  /** The token's record when `token` is a live API token, else null; records the use. */
  async verify(token: string, now = new Date()): Promise<ApiTokenInfo | null> {
    if (!TOKEN_PATTERN.test(token)) return null;
    const wanted = Buffer.from(sha256(token), "hex");
    const match = (await this.store.read()).tokens.find((t) => timingSafeEqual(Buffer.from(t.sha256, "hex"), wanted));
    if (!match) return null;
    const last = match.lastUsedAt ? Date.parse(match.lastUsedAt) : 0;
    if (now.getTime() - last >= LAST_USED_RESOLUTION_MS) {
      // Bookkeeping, not authentication: a disk that is full or read-only must not turn every request
      // of a valid token into a 500 (found by test:hard's injected rename faults). Logged; retried on
      // the next use.
      try {
        await this.store.update((doc) => {
          const t = doc.tokens.find((x) => x.id === match.id);
          if (!t) return { result: undefined, write: false };
          t.lastUsedAt = now.toISOString();
          return { result: undefined };
        });
      } catch (err) {
        log.warn({ err: err instanceof Error ? err.message : String(err), tokenId: match.id }, "could not record an API token's last use");
      }
    }
    return info(match);
  }
}

/** The token in `Authorization: Bearer <token>`, undefined without that header, null when it is malformed. */
export function bearerToken(req: Request): string | null | undefined {
  const header = req.headers.get("authorization");
  if (header === null) return undefined;
  const m = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
  return m ? m[1]! : null;
}
