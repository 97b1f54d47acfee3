// The CLI as the stacks run it: a real process from the repo root.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseSamples, seriesKey } from "./test-helpers";

const ROOT = join(import.meta.dirname, "..", "..", "..");
const SCRIPT = join(ROOT, "scripts", "knative-sim.ts");
// Region 31090–31189 is this suite's (ORRERY_TEST_PORT_BASE=31090).
const PORT = Number(process.env.ORRERY_TEST_PORT_BASE ?? 31090) + 71;
const dir = mkdtempSync(join(tmpdir(), "orrery-sim-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (args: string[]) => spawnSync(process.execPath, ["--import", "tsx", SCRIPT, ...args], { cwd: ROOT, encoding: "utf8" });

describe("knative-sim CLI", () => {
  it("exits 2 naming the bad flag", () => {
    const r = run(["serve", "--port", "nope", "--metric-set", "otel"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("--port must be a whole number");
  });

  it("serves /metrics and /-/ready after simulating its history, equal to a backfill at the same second", async () => {
    const historyFrom = Math.floor(Date.now() / 1000) - 120;
    const child = spawn(process.execPath, ["--import", "tsx", SCRIPT, "serve", "--port", String(PORT), "--metric-set", "opencensus", "--history-from", String(historyFrom)], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    try {
      await new Promise<void>((resolve, reject) => {
        let out = "";
        child.stdout.on("data", (d: Buffer) => {
          out += d.toString();
          if (out.includes(`listening on http://127.0.0.1:${PORT}`)) resolve();
        });
        child.once("exit", (code) => reject(new Error(`exited ${code}: ${out}`)));
      });
      expect((await fetch(`http://127.0.0.1:${PORT}/-/ready`)).status).toBe(200);
      const res = await fetch(`http://127.0.0.1:${PORT}/metrics`);
      expect(res.headers.get("content-type")).toContain("version=0.0.4");
      const text = await res.text();
      const scrapedAt = Math.floor(Date.now() / 1000);
      expect(text).toContain("# TYPE autoscaler_desired_pods gauge");
      const live = parseSamples(text);
      // Backfill the same history at the seconds around the scrape; one of them is the scraped second.
      const out = join(dir, "same.om");
      const b = run(["backfill", "--metric-set", "opencensus", "--from", String(scrapedAt - 2), "--to", String(scrapedAt), "--step", "1", "--request-step", "1", "--history-from", String(historyFrom), "--out", out]);
      expect(b.status, b.stderr).toBe(0);
      const backfilled = parseSamples(readFileSync(out, "utf8"));
      const liveMap = new Map(live.map((s) => [seriesKey(s), s.value]));
      const match = [scrapedAt - 2, scrapedAt - 1, scrapedAt].some((t) => {
        const at = new Map(backfilled.filter((s) => s.timestamp === t).map((s) => [seriesKey(s), s.value]));
        return at.size === liveMap.size && [...at].every(([k, v]) => liveMap.get(k) === v);
      });
      expect(match).toBe(true);
    } finally {
      child.kill("SIGTERM");
    }
  });
});
