import { describe, expect, it } from "vitest";
import { hashPassword, parsePasswordHash, verifyPassword } from "./passwords";

describe("password hashing (scrypt)", () => {
  it("verifies the right password and refuses others", async () => {
    const hash = await hashPassword("correct horse battery staple");
    expect(await verifyPassword("correct horse battery staple", hash)).toBe(true);
    expect(await verifyPassword("correct horse battery stapler", hash)).toBe(false);
    expect(await verifyPassword("", hash)).toBe(false);
  });

  it("salts: the same password hashes differently each time, both verify", async () => {
    const [a, b] = [await hashPassword("pw"), await hashPassword("pw")];
    expect(a).not.toBe(b);
    expect(await verifyPassword("pw", a)).toBe(true);
    expect(await verifyPassword("pw", b)).toBe(true);
  });

  it("encodes its parameters, and verifies hashes made with other parameters", async () => {
    const hash = await hashPassword("pw", { N: 1024, r: 4, p: 2 });
    expect(hash).toMatch(/^scrypt\$1024\$4\$2\$/);
    expect(parsePasswordHash(hash)).toMatchObject({ N: 1024, r: 4, p: 2 });
    expect(await verifyPassword("pw", hash)).toBe(true);
  });

  it("treats Unicode-equivalent passwords alike (NFC)", async () => {
    const hash = await hashPassword("caf\u00e9");
    expect(await verifyPassword("cafe\u0301", hash)).toBe(true);
  });

  it.each([
    ["plain text", "hunter2"],
    ["another scheme", "$2b$10$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234"],
    ["N not a power of two", "scrypt$1000$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"],
    ["N too large (CPU/memory bomb)", "scrypt$4194304$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"],
    ["truncated", "scrypt$32768$8$1$AAAA"],
  ])("refuses a malformed stored hash (%s) without throwing", async (_label, stored) => {
    expect(parsePasswordHash(stored)).toBeNull();
    expect(await verifyPassword("hunter2", stored)).toBe(false);
  });

  it("refuses to hash an empty password", async () => {
    await expect(hashPassword("")).rejects.toThrow(/empty/);
  });
});
