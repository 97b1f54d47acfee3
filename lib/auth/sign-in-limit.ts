import { processGlobal } from "@/lib/ops/process-global";

/**
 * Rate limiting of password sign-ins (credentials provider), behind an interface so a shared store
 * (Redis) can back it when several Orrery processes serve one site. Failures are counted per
 * username + client IP (5 in 5 minutes), and per username over all IPs (20 in 5 minutes), because the
 * IP comes from `X-Forwarded-For`, which a client can set itself unless a proxy overwrites it.
 */
export interface SignInLimiter {
  /** Seconds until another attempt is allowed for this username and IP; 0 when allowed now. */
  retryAfterSeconds(key: SignInKey, nowMs?: number): Promise<number>;
  recordFailure(key: SignInKey, nowMs?: number): Promise<void>;
  /** A successful sign-in clears the username + IP counter (not the per-username one). */
  recordSuccess(key: SignInKey): Promise<void>;
}

export interface SignInKey {
  username: string;
  ip: string;
}

export interface SignInLimits {
  perUserIp: { max: number; windowMs: number };
  perUser: { max: number; windowMs: number };
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = {
  perUserIp: { max: 5, windowMs: 5 * 60_000 },
  perUser: { max: 20, windowMs: 5 * 60_000 },
};

// Bounded memory: a flood of distinct usernames evicts the oldest counters rather than growing without end.
const MAX_KEYS = 10_000;

/** In-process counters (one server process). Sliding window of failure times per key. */
export class MemorySignInLimiter implements SignInLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly limits: SignInLimits = DEFAULT_SIGN_IN_LIMITS) {}

  private buckets(key: SignInKey) {
    const user = key.username.toLowerCase();
    return [
      { id: `ip:${user}\u0000${key.ip}`, ...this.limits.perUserIp },
      { id: `user:${user}`, ...this.limits.perUser },
    ];
  }

  private recent(id: string, windowMs: number, nowMs: number): number[] {
    const times = (this.failures.get(id) ?? []).filter((t) => t > nowMs - windowMs);
    if (times.length === 0) this.failures.delete(id);
    else this.failures.set(id, times);
    return times;
  }

  async retryAfterSeconds(key: SignInKey, nowMs = Date.now()): Promise<number> {
    let waitMs = 0;
    for (const b of this.buckets(key)) {
      const times = this.recent(b.id, b.windowMs, nowMs);
      // Allowed again once enough failures have left the window that fewer than `max` remain.
      if (times.length >= b.max) waitMs = Math.max(waitMs, times[times.length - b.max]! + b.windowMs - nowMs);
    }
    return Math.ceil(waitMs / 1000);
  }

  async recordFailure(key: SignInKey, nowMs = Date.now()): Promise<void> {
    for (const b of this.buckets(key)) {
      const times = this.recent(b.id, b.windowMs, nowMs);
      times.push(nowMs);
      // Keep only what the decision needs.
      this.failures.delete(b.id);
      this.failures.set(b.id, times.slice(-b.max));
    }
    while (this.failures.size > MAX_KEYS) this.failures.delete(this.failures.keys().next().value!);
  }

  async recordSuccess(key: SignInKey): Promise<void> {
    this.failures.delete(this.buckets(key)[0]!.id);
  }
}

/** The error code next-auth carries to the login page (`?error=TooManyAttempts:<seconds>`). */
export const TOO_MANY_ATTEMPTS = "TooManyAttempts";

export function tooManyAttemptsCode(seconds: number): string {
  return `${TOO_MANY_ATTEMPTS}:${Math.max(1, Math.ceil(seconds))}`;
}

/** The seconds of a `TooManyAttempts:<n>` code, or null. */
export function parseTooManyAttempts(code: string): number | null {
  const m = /^TooManyAttempts:(\d{1,7})$/.exec(code);
  return m ? Number(m[1]) : null;
}

/**
 * The client IP for limiting: the first `X-Forwarded-For` entry (Next sets it from the socket when
 * absent), else `X-Real-IP`, else "unknown". Spoofable without a proxy that overwrites it, hence the
 * per-username limit as well.
 */
export function clientIp(headers: Record<string, string | string[] | undefined> | Headers | undefined): string {
  const get = (name: string): string | undefined => {
    if (!headers) return undefined;
    if (headers instanceof Headers) return headers.get(name) ?? undefined;
    const v = headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const first = get("x-forwarded-for")?.split(",")[0]?.trim();
  return (first || get("x-real-ip")?.trim() || "unknown").slice(0, 64);
}

// One per process, so every route bundle of one server shares it (lib/ops/process-global.ts).
const held = () => processGlobal("signInLimiter", (): { limiter: SignInLimiter } => ({ limiter: new MemorySignInLimiter() }));

/** The process's limiter. */
export function getSignInLimiter(): SignInLimiter {
  return held().limiter;
}

/** Replaces the process's limiter (a Redis-backed one, or a fresh one in tests). */
export function setSignInLimiter(limiter: SignInLimiter): void {
  held().limiter = limiter;
}
