import { describe, expect, it } from "vitest";
import { KeyedMutex } from "./mutex";

const tick = () => new Promise((r) => setTimeout(r, 1));

describe("KeyedMutex", () => {
  it("runs work of one key one at a time, in order, and other keys alongside", async () => {
    const mutex = new KeyedMutex();
    const log: string[] = [];
    const job = (key: string, name: string) =>
      mutex.run(key, async () => {
        log.push(`start ${name}`);
        await tick();
        log.push(`end ${name}`);
        return name;
      });
    const results = await Promise.all([job("a", "a1"), job("a", "a2"), job("b", "b1")]);
    expect(results).toEqual(["a1", "a2", "b1"]);
    expect(log.indexOf("end a1")).toBeLessThan(log.indexOf("start a2"));
    expect(log.indexOf("start b1")).toBeLessThan(log.indexOf("end a1"));
  });

  it("keeps going after a failure and passes it to the caller", async () => {
    const mutex = new KeyedMutex();
    const failed = mutex.run("k", async () => {
      throw new Error("boom");
    });
    const next = mutex.run("k", async () => "ok");
    await expect(failed).rejects.toThrow("boom");
    await expect(next).resolves.toBe("ok");
  });
});
