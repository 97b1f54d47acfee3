import { describe, expect, it } from "vitest";
import { loginErrorMessage } from "./login-errors";
import { clientIp, MemorySignInLimiter, parseTooManyAttempts, tooManyAttemptsCode } from "./sign-in-limit";

const T0 = 1_800_000_000_000;
const alice = { username: "alice", ip: "10.0.0.1" };

describe("MemorySignInLimiter", () => {
  it("allows 5 failures per username + IP in 5 minutes, then says how long to wait", async () => {
    const l = new MemorySignInLimiter();
    for (let i = 0; i < 5; i++) {
      expect(await l.retryAfterSeconds(alice, T0 + i * 1000)).toBe(0);
      await l.recordFailure(alice, T0 + i * 1000);
    }
    // The first failure (T0) leaves the window at T0 + 300 s.
    expect(await l.retryAfterSeconds(alice, T0 + 10_000)).toBe(290);
    expect(await l.retryAfterSeconds(alice, T0 + 299_500)).toBe(1);
    expect(await l.retryAfterSeconds(alice, T0 + 300_000)).toBe(0);
    // Another IP, and another user on the same IP, are not affected.
    expect(await l.retryAfterSeconds({ ...alice, ip: "10.0.0.2" }, T0 + 10_000)).toBe(0);
    expect(await l.retryAfterSeconds({ username: "bob", ip: alice.ip }, T0 + 10_000)).toBe(0);
  });

  it("usernames compare case-insensitively (Admin and admin share a counter)", async () => {
    const l = new MemorySignInLimiter();
    for (let i = 0; i < 5; i++) await l.recordFailure({ username: i % 2 ? "Alice" : "alice", ip: "1.1.1.1" }, T0);
    expect(await l.retryAfterSeconds({ username: "ALICE", ip: "1.1.1.1" }, T0)).toBeGreaterThan(0);
  });

  it("rotating IPs (a spoofed X-Forwarded-For) hits the per-username limit of 20", async () => {
    const l = new MemorySignInLimiter();
    for (let i = 0; i < 20; i++) await l.recordFailure({ username: "alice", ip: `192.0.2.${i}` }, T0 + i);
    expect(await l.retryAfterSeconds({ username: "alice", ip: "198.51.100.7" }, T0 + 100)).toBe(300);
    expect(await l.retryAfterSeconds({ username: "bob", ip: "198.51.100.7" }, T0 + 100)).toBe(0);
  });

  it("a success clears the username + IP counter", async () => {
    const l = new MemorySignInLimiter();
    for (let i = 0; i < 4; i++) await l.recordFailure(alice, T0);
    await l.recordSuccess(alice);
    for (let i = 0; i < 4; i++) await l.recordFailure(alice, T0);
    expect(await l.retryAfterSeconds(alice, T0)).toBe(0);
    await l.recordFailure(alice, T0);
    expect(await l.retryAfterSeconds(alice, T0)).toBe(300);
  });

  it("keeps memory bounded under a flood of distinct names", async () => {
    const l = new MemorySignInLimiter();
    for (let i = 0; i < 12_000; i++) await l.recordFailure({ username: `u${i}`, ip: "1.1.1.1" }, T0);
    expect((l as unknown as { failures: Map<string, number[]> }).failures.size).toBeLessThanOrEqual(10_000);
  });
});

describe("codes and messages", () => {
  it("round-trips the wait through the error code and shows it on the login page", () => {
    expect(parseTooManyAttempts(tooManyAttemptsCode(42.2))).toBe(43);
    expect(loginErrorMessage(tooManyAttemptsCode(42))).toBe("Too many failed sign-in attempts. Try again in 42 s.");
    expect(parseTooManyAttempts("TooManyAttempts:<script>")).toBeNull();
    expect(loginErrorMessage("TooManyAttempts:<script>")).toBe("Sign-in failed. Try again.");
  });

  it("takes the first X-Forwarded-For entry, else X-Real-IP", () => {
    expect(clientIp({ "x-forwarded-for": " 203.0.113.9 , 10.0.0.1" })).toBe("203.0.113.9");
    expect(clientIp(new Headers({ "x-real-ip": "203.0.113.10" }))).toBe("203.0.113.10");
    expect(clientIp({})).toBe("unknown");
    expect(clientIp(undefined)).toBe("unknown");
  });
});
