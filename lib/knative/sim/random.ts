/**
 * Stateless, seeded noise: the value for (seed, key, t) never depends on what was asked before, so
 * the simulated state at a time t is the same whether the process started an hour or a day earlier.
 */

/** FNV-1a of a string, 32-bit. */
export function hashString(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** A uniform number in [0, 1) from integers (murmur3's finalizer over a mix of the inputs). */
export function noise(seed: number, key: number, t: number, salt = 0): number {
  let h = (seed ^ Math.imul(key, 0x9e3779b1) ^ Math.imul(t | 0, 0x85ebca6b) ^ Math.imul(salt, 0xc2b2ae35)) >>> 0;
  // t can exceed 2^31 only in the far future; fold the high part in too.
  h = (h ^ Math.floor(t / 4294967296)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}
