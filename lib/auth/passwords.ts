import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";

/** scrypt cost parameters: N = 2^15, r = 8, p = 1 (OWASP's minimum; ~32 MB, ~50-100 ms per hash). */
export const SCRYPT_DEFAULTS = { N: 32768, r: 8, p: 1 } as const;
const KEY_BYTES = 32;
const SALT_BYTES = 16;
// Refuse stored parameters that would let a crafted hash pin the CPU or exhaust memory.
const MAX_N = 2 ** 20;
const MAX_RP = 16;

function scryptAsync(password: string, salt: Buffer, keylen: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(password, salt, keylen, opts, (err, key) => (err ? reject(err) : resolve(key))));
}

const b64 = (b: Buffer) => b.toString("base64url");

interface ParsedHash {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  key: Buffer;
}

/** Splits `scrypt$N$r$p$salt$key` (base64url), or null when the text is not such a hash. */
export function parsePasswordHash(encoded: string): ParsedHash | null {
  const m = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9_-]{16,})\$([A-Za-z0-9_-]{43,})$/.exec(encoded);
  if (!m) return null;
  const [N, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const powerOfTwo = N >= 2 && (N & (N - 1)) === 0;
  if (!powerOfTwo || N > MAX_N || r < 1 || r > MAX_RP || p < 1 || p > MAX_RP) return null;
  return { N, r, p, salt: Buffer.from(m[4]!, "base64url"), key: Buffer.from(m[5]!, "base64url") };
}

function options({ N, r, p }: { N: number; r: number; p: number }): ScryptOptions {
  return { N, r, p, maxmem: 128 * N * r * p + 8 * 1024 * 1024 };
}

/** Hashes a password with scrypt and a random salt; the result carries its own parameters. */
export async function hashPassword(password: string, params: { N: number; r: number; p: number } = SCRYPT_DEFAULTS): Promise<string> {
  if (password.length === 0) throw new Error("password must not be empty");
  const salt = randomBytes(SALT_BYTES);
  const key = await scryptAsync(password.normalize("NFC"), salt, KEY_BYTES, options(params));
  return `scrypt$${params.N}$${params.r}$${params.p}$${b64(salt)}$${b64(key)}`;
}

/** Whether `password` matches `encoded` (constant-time compare); false for malformed hashes, never a throw. */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const parsed = parsePasswordHash(encoded);
  if (!parsed) return false;
  const key = await scryptAsync(password.normalize("NFC"), parsed.salt, parsed.key.length, options(parsed));
  return key.length === parsed.key.length && timingSafeEqual(key, parsed.key);
}

// A fixed hash verified when the user does not exist, so response time does not reveal which names exist.
let dummyHash: Promise<string> | undefined;

/** Burns the same scrypt work as a real verify; call it when the username is unknown. */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword("orrery-dummy-password");
  await verifyPassword(password, await dummyHash);
  return false;
}
