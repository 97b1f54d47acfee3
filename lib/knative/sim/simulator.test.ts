import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { replay } from "@/lib/knative/engine";
import { settingsFromAnnotations } from "@/lib/knative/kpa/config";
import { REVISION_LABELS, REVISION_METRIC_NAMES } from "@/lib/knative/metrics";
import { writeBackfill } from "./backfill";
import { renderTextFormat } from "./exposition";
import { METRIC_SET_DEFS, SIM_METRIC_SETS } from "./metric-sets";
import { annotationsOf, SCENARIO } from "./scenario";
import { Simulator } from "./simulator";
import { parseSamples, seriesKey } from "./test-helpers";

const H = 1_764_288_000; // 2025-11-28T00:00:00Z
const dir = mkdtempSync(join(tmpdir(), "orrery-sim-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function scrape(sim: Simulator): string {
  return renderTextFormat(sim.def, (sink) => sim.emit(sink));
}

// One simulated hour per set, shared by the tests below (the KPA runs 6 × 3600 steps).
const hour = Object.fromEntries(
  SIM_METRIC_SETS.map((set) => {
    const sim = new Simulator({ metricSet: set, seed: 1, historyFrom: H, record: true });
    sim.advanceTo(H + 3599);
    return [set, sim];
  }),
) as Record<(typeof SIM_METRIC_SETS)[number], Simulator>;

describe("scenario", () => {
  it("has ~6 revisions in 3 namespaces, Knative-style names, and settings that are valid annotations", () => {
    expect(SCENARIO.length).toBe(6);
    expect(new Set(SCENARIO.map((s) => s.namespace)).size).toBe(3);
    expect(SCENARIO.some((s) => s.settings.metric === "rps")).toBe(true);
    for (const spec of SCENARIO) {
      expect(spec.revision).toMatch(new RegExp(`^${spec.configuration}-\\d{5}$`));
      // The annotations a user would write parse (with Knative's bounds) to exactly the settings the engine gets.
      expect(settingsFromAnnotations(annotationsOf(spec), spec.containerConcurrency)).toEqual({
        ...spec.settings,
        containerConcurrency: spec.containerConcurrency,
      });
    }
  });
});

describe("simulation", () => {
  it("replaying a revision's recorded per-second concurrency reproduces its desired pods exactly", () => {
    for (const r of hour.opencensus.revisions) {
      const replayed = replay({ settings: r.spec.settings, pods: r.spec.pods }, r.samples);
      expect(replayed.map((s) => s.desiredPods)).toEqual(r.seconds.map((s) => s.desiredPods));
      expect(replayed).toEqual(r.seconds);
    }
  });

  it("shows the behaviours each revision is there for", () => {
    const by = (name: string) => hour.opencensus.revisions.find((r) => r.spec.service === name)!;
    // Bursty: panic in every 10-minute period after the first (the first starts cold).
    const thumb = by("thumbnailer");
    for (let p = 1; p < 6; p++) {
      const period = thumb.seconds.filter((s) => s.t >= H + p * 600 && s.t < H + (p + 1) * 600);
      expect(period.some((s) => s.panicEntered), `panic in period ${p}`).toBe(true);
    }
    // ... and overflow of queue-proxy's 10×CC queue (TBC 0 keeps the activator out of the path).
    expect(thumb.queues.reduce((a, q) => a + q.rejected, 0)).toBeGreaterThan(0);
    // Steady with min-scale 1 never goes to zero once up.
    const checkout = by("checkout");
    expect(checkout.seconds.slice(600).every((s) => s.readyPods >= 1)).toBe(true);
    // Low traffic at defaults (CC 0, TBC 211): 1–2 pods keep the activator in the path.
    const hello = by("hello");
    expect(hello.seconds.slice(600).filter((s) => s.readyPods <= 2).every((s) => s.activatorInPath)).toBe(true);
  });

  it("scales the spiky revision to zero and cold-starts it (requests wait in the activator)", () => {
    const sim = new Simulator({ metricSet: "opencensus", seed: 1, historyFrom: H, record: true, revisions: SCENARIO.filter((s) => s.service === "transcode") });
    sim.advanceTo(H + 4 * 3600);
    const [r] = sim.revisions;
    const seconds = r!.seconds;
    const zeroAfterPods = seconds.some((s, i) => i > 0 && s.readyPods === 0 && seconds.slice(0, i).some((p) => p.readyPods > 0));
    expect(zeroAfterPods).toBe(true);
    const coldStarted = r!.queues.some((q, i) => q.started.some((c) => c.viaActivator && c.waitSeconds > 0) && seconds[i - 1]?.readyPods === 0);
    expect(coldStarted || r!.queues.some((q) => q.started.some((c) => c.waitSeconds >= r!.spec.pods.startupSeconds - 1))).toBe(true);
  });

  it("state at t does not depend on how the simulation was advanced", () => {
    const a = new Simulator({ metricSet: "otel", seed: 1, historyFrom: H });
    a.advanceTo(H + 900);
    const b = new Simulator({ metricSet: "otel", seed: 1, historyFrom: H });
    for (let t = H; t <= H + 900; t += 37) b.advanceTo(t);
    b.advanceTo(H + 900);
    expect(scrape(b)).toBe(scrape(a));
    const other = new Simulator({ metricSet: "otel", seed: 2, historyFrom: H });
    other.advanceTo(H + 900);
    expect(scrape(other)).not.toBe(scrape(a));
  });
});

describe("exposition", () => {
  it.each(SIM_METRIC_SETS)("%s /metrics is accepted by promtool check metrics", (set) => {
    const text = scrape(hour[set]);
    // promtool exits non-zero on format errors; lint warnings (e.g. counters without _total, as Knative's are) print but pass.
    const file = join(dir, `${set}.prom`);
    writeFileSync(file, text);
    let stderr = "";
    try {
      execFileSync("promtool", ["check", "metrics"], { input: text, stdio: ["pipe", "pipe", "pipe"] });
    } catch (err) {
      stderr = String((err as { stderr?: Buffer }).stderr ?? err);
    }
    // Lint findings are allowed (Knative's own names break Prometheus naming conventions); parse errors are not.
    expect(stderr).not.toMatch(/error while linting|text format parsing error/i);
    expect(() => parseSamples(text)).not.toThrow();
  });

  it.each(SIM_METRIC_SETS)("%s exports the names and labels of notes §1 for every revision", (set) => {
    const samples = parseSamples(scrape(hour[set]));
    const names = new Set(samples.map((s) => s.name));
    const labels = REVISION_LABELS[set];
    const expected =
      set === "opencensus"
        ? ["activator_request_count", "activator_request_latencies_bucket", "revision_request_count", "revision_request_latencies_bucket", "revision_app_request_count", "revision_app_request_latencies_sum", "revision_queue_depth"]
        : ["http_server_request_duration_seconds_bucket", "kn_serving_invocation_duration_seconds_count", "kn_serving_queue_depth"];
    for (const name of expected) expect(names, name).toContain(name);
    const m = REVISION_METRIC_NAMES[set];
    for (const spec of SCENARIO) {
      const own = samples.filter((s) => s.labels[labels.revision] === spec.revision);
      const ownNames = new Set(own.map((s) => s.name));
      for (const key of ["desired", "requested", "ready", "notReady", "pending", "terminating", "ebc", "panicMode", "activatorConcurrency"] as const) {
        expect(ownNames, `${spec.revision} ${m[key]}`).toContain(m[key]);
      }
      const rps = spec.settings.metric === "rps";
      for (const key of ["stable", "panic", "target"] as const) expect(ownNames.has(m[key])).toBe(!rps);
      for (const key of ["stableRps", "panicRps", "targetRps"] as const) expect(ownNames.has(m[key])).toBe(rps);
      const desired = own.find((s) => s.name === m.desired)!;
      expect(desired.labels[labels.namespace]).toBe(spec.namespace);
      expect(desired.labels[labels.service]).toBe(spec.service);
      expect(desired.labels[labels.configuration]).toBe(spec.configuration);
      // The queue depth exists only with a breaker (CC > 0), and only while the revision has ready pods.
      if (spec.containerConcurrency === 0) expect(ownNames.has(METRIC_SET_DEFS[set].queueDepth.name)).toBe(false);
    }
    expect(names).toContain(METRIC_SET_DEFS[set].queueDepth.name);
  });

  it("labels per-pod series from a bounded pool and response codes by class (OpenCensus)", () => {
    const samples = parseSamples(scrape(hour.opencensus));
    const proxy = samples.filter((s) => s.name === "revision_request_count");
    expect(proxy.every((s) => s.labels.container_name === "queue-proxy")).toBe(true);
    for (const spec of SCENARIO) {
      const pods = new Set(proxy.filter((s) => s.labels.revision_name === spec.revision).map((s) => s.labels.pod_name));
      expect(pods.size).toBeLessThanOrEqual(spec.maxPods);
      for (const p of pods) expect(p).toMatch(new RegExp(`^${spec.revision}-deployment-[a-z0-9]{10}-[a-z0-9]{5}$`));
    }
    for (const s of samples.filter((x) => x.labels.response_code)) {
      expect(s.labels.response_code_class).toBe(`${s.labels.response_code![0]}xx`);
    }
    expect(proxy.some((s) => s.labels.response_code === "503" && s.value > 0)).toBe(true);
    const activator = samples.filter((s) => s.name === "activator_request_latencies_bucket");
    expect(new Set(activator.map((s) => s.labels.le)).size).toBe(27); // Knative's 26 bounds + +Inf
  });

  it("OTel queue-proxy and activator series of the shared otelhttp name differ by k8s_container_name", () => {
    const samples = parseSamples(scrape(hour.otel)).filter((s) => s.name === "http_server_request_duration_seconds_count");
    expect(new Set(samples.map((s) => s.labels.k8s_container_name))).toEqual(new Set(["activator", "queue-proxy"]));
    expect(samples.every((s) => /^\d{3}$/.test(s.labels.http_response_status_code ?? ""))).toBe(true);
  });

  it("counters and histograms never decrease", () => {
    const sim = new Simulator({ metricSet: "opencensus", seed: 3, historyFrom: H });
    const seen = new Map<string, number>();
    let checked = 0;
    for (let t = H + 60; t <= H + 2 * 3600; t += 263) {
      sim.advanceTo(t);
      for (const s of parseSamples(scrape(sim))) {
        if (!/_count$|_sum$|_bucket$/.test(s.name)) continue;
        const key = seriesKey(s);
        const before = seen.get(key);
        if (before !== undefined) {
          expect(s.value, key).toBeGreaterThanOrEqual(before);
          checked++;
        }
        seen.set(key, s.value);
      }
    }
    expect(checked).toBeGreaterThan(500);
  });
});

describe("backfill", () => {
  it("equals the live exposition at the same t (same seed and history start)", () => {
    const file = join(dir, "equal.om");
    const from = H + 1200;
    writeBackfill(new Simulator({ metricSet: "otel", seed: 1, historyFrom: H }), { from, to: from + 20, step: 2 }, file);
    const backfilled = parseSamples(readFileSync(file, "utf8"));
    for (const t of [from, from + 10, from + 20]) {
      const live = new Simulator({ metricSet: "otel", seed: 1, historyFrom: H });
      live.advanceTo(t);
      const expected = new Map(parseSamples(scrape(live)).map((s) => [seriesKey(s), s.value]));
      const actual = new Map(backfilled.filter((s) => s.timestamp === t).map((s) => [seriesKey(s), s.value]));
      expect(actual.size).toBeGreaterThan(100);
      expect(actual).toEqual(expected);
    }
  });

  it("promtool turns it into blocks holding every series with ascending samples", () => {
    const file = join(dir, "blocks.om");
    const from = H + 600;
    const stats = writeBackfill(
      new Simulator({ metricSet: "opencensus", seed: 1, historyFrom: H, extraLabels: [["job", "knative"], ["cluster", "east"]] }),
      { from, to: from + 1800, step: 2, requestStep: 30 },
      file,
    );
    const text = readFileSync(file, "utf8");
    expect(text.endsWith("# EOF\n")).toBe(true);
    const blocks = join(dir, "tsdb");
    execFileSync("promtool", ["tsdb", "create-blocks-from", "openmetrics", file, blocks], { stdio: "pipe" });
    mkdirSync(join(blocks, "wal")); // promtool tsdb dump insists on a WAL folder
    const dump = execFileSync("promtool", ["tsdb", "dump", blocks], { maxBuffer: 1 << 30 }).toString();
    const lines = dump.split("\n").filter((l) => l.startsWith("{"));
    expect(lines.length).toBe(stats.samples);
    // Every stored series carries the extra labels; gauges have a sample every 2 s, counters every 30 s.
    expect(lines.every((l) => l.includes('job="knative"') && l.includes('cluster="east"'))).toBe(true);
    const desired = lines.filter((l) => l.startsWith('{__name__="autoscaler_desired_pods"') && l.includes('revision_name="thumbnailer-00002"'));
    expect(desired.length).toBe(901);
    const counts = lines.filter((l) => l.startsWith('{__name__="activator_request_count"') && l.includes('revision_name="hello-00001"') && l.includes('response_code="200"'));
    const times = counts.map((l) => Number(l.split(" ").at(-1)));
    expect(times.length).toBe(61);
    expect(times.every((t, i) => i === 0 || t - times[i - 1]! === 30_000)).toBe(true);
  });
});
