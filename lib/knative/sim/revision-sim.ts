/**
 * One simulated revision, one second at a time: traffic → activator/queue-proxy model → KPA
 * engine, with cumulative request counters and latency histograms per pod and per response code.
 */
import type { RevisionModel, RevisionSecond, SecondSample } from "@/lib/knative/engine";
import type { Family, LabelPairs, MetricSetDef } from "./metric-sets";
import { ACTIVATOR_POD, podNamePool } from "./pods";
import { QueueModel, type QueueSecond } from "./queue-proxy";
import { hashString, noise } from "./random";
import type { SimRevisionSpec } from "./scenario";
import { CounterSeries, HistogramSeries, type Naming, type Sink, seriesName } from "./series";
import { arrivalsAt } from "./traffic";

/** What the simulator needs of lib/knative/engine's RevisionEngine. */
export interface EngineLike {
  readonly readyPods: number;
  step(sample: SecondSample): RevisionSecond;
}
export type EngineFactory = (model: RevisionModel, startT: number) => EngineLike;

// Spread of time in the user container around its mean (multiplier, share): a right-skewed tail.
const SERVICE_SPREAD: ReadonlyArray<readonly [number, number]> = [
  [0.55, 0.15],
  [0.75, 0.25],
  [0.95, 0.25],
  [1.2, 0.2],
  [1.6, 0.1],
  [2.6, 0.05],
];
/** queue-proxy answers an overflow at once; time for that 503, s. */
const REJECT_SECONDS = 0.001;
const SALT_ERRORS = 11;

interface CodeStats {
  count?: CounterSeries;
  latency: HistogramSeries;
}

/** Request counters + latency histogram per response code, created when a code first occurs. */
class ByCode {
  private readonly codes = new Map<number, CodeStats>();
  constructor(
    private readonly def: MetricSetDef,
    private readonly naming: Naming,
    private readonly base: LabelPairs,
    private readonly countFamily: Family | undefined,
    private readonly latencyFamily: Family,
  ) {}

  observe(code: number, seconds: number, n: number): void {
    if (n <= 0) return;
    let s = this.codes.get(code);
    if (!s) {
      const labels = [...this.base, ...this.def.codeLabels(code)];
      s = {
        count: this.countFamily && new CounterSeries(this.countFamily, this.naming, labels),
        latency: new HistogramSeries(this.latencyFamily, this.naming, labels, this.def.latencyBoundsSeconds, this.def.latencyScale),
      };
      this.codes.set(code, s);
    }
    if (s.count) s.count.value += n;
    s.latency.observe(seconds, n);
  }

  emit(sink: Sink): void {
    for (const s of this.codes.values()) {
      s.count?.emit(sink);
      s.latency.emit(sink);
    }
  }
}

interface PodStats {
  proxy: ByCode;
  app: ByCode;
  queueDepthSeries: string;
  queueDepth: number;
}

export interface RevisionSimOptions {
  spec: SimRevisionSpec;
  seed: number;
  /** First simulated second (unix s). */
  startT: number;
  def: MetricSetDef;
  naming: Naming;
  engine: EngineFactory;
  /** Keep every second's engine input and output (tests: replay must reproduce them). */
  record?: boolean;
}

export class RevisionSim {
  readonly spec: SimRevisionSpec;
  /** The next second to simulate. */
  t: number;
  last?: RevisionSecond;
  lastQueue?: QueueSecond;
  readonly samples: SecondSample[] = [];
  readonly seconds: RevisionSecond[] = [];
  readonly queues: QueueSecond[] = [];

  private readonly engine: EngineLike;
  private readonly queue: QueueModel;
  private readonly key: number;
  private readonly seed: number;
  private readonly record: boolean;
  private readonly def: MetricSetDef;
  private readonly gaugeSeries: Map<Family, string>;
  private readonly activatorConcurrencySeries: string;
  private readonly ccSeries: string;
  private readonly activator: ByCode;
  private readonly pods: PodStats[];
  private rr = 0; // round-robin position for spreading requests over pods
  private livePods = 0; // pods that were ready during the last simulated second

  constructor(opts: RevisionSimOptions) {
    const { spec, def, naming } = opts;
    this.spec = spec;
    this.def = def;
    this.t = opts.startT;
    this.seed = opts.seed;
    this.record = opts.record ?? false;
    this.key = hashString(`${spec.namespace}/${spec.revision}`);
    const model: RevisionModel = { settings: spec.settings, pods: spec.pods };
    this.engine = opts.engine(model, opts.startT);
    this.queue = new QueueModel({
      containerConcurrency: spec.containerConcurrency,
      serviceSeconds: spec.serviceSeconds,
      activatorTimeoutSeconds: spec.timeoutSeconds,
    });
    const revLabels = def.revisionLabels(spec);
    const rps = spec.settings.metric === "rps";
    const gaugeFamilies = Object.entries(def.gauges)
      .filter(([k]) => (rps ? !["stable", "panic", "target"].includes(k) : !["stableRps", "panicRps", "targetRps"].includes(k)))
      .map(([, f]) => f);
    this.gaugeSeries = new Map(gaugeFamilies.map((f) => [f, seriesName(naming, f.name, revLabels)]));
    const activatorLabels = [...revLabels, ...def.podLabels(ACTIVATOR_POD, "activator")];
    this.activatorConcurrencySeries = seriesName(naming, def.activatorConcurrency.name, activatorLabels);
    this.ccSeries = seriesName(naming, def.containerConcurrency.name, revLabels);
    this.activator = new ByCode(def, naming, activatorLabels, def.activatorCount, def.activatorLatency);
    this.pods = podNamePool(spec.namespace, spec.revision, spec.maxPods).map((name) => {
      const labels = [...revLabels, ...def.podLabels(name, "queue-proxy")];
      return {
        proxy: new ByCode(def, naming, labels, def.proxyCount, def.proxyLatency),
        app: new ByCode(def, naming, labels, def.appCount, def.appLatency),
        queueDepthSeries: seriesName(naming, def.queueDepth.name, labels),
        queueDepth: 0,
      };
    });
  }

  /** Simulates second `this.t` and moves to the next. */
  step(): void {
    const t = this.t;
    const ready = this.engine.readyPods;
    const arrivals = arrivalsAt(this.spec.traffic, this.seed, this.key, t);
    // Before the first decision the activator is in the path (the revision starts cold).
    const q = this.queue.step({ t, arrivals, readyPods: ready, activatorInPath: this.last?.activatorInPath ?? true });
    this.account(q, ready);
    const sample: SecondSample = { t, concurrency: q.concurrency, rps: arrivals };
    const out = this.engine.step(sample);
    if (this.record) {
      this.samples.push(sample);
      this.seconds.push(out);
      this.queues.push(q);
    }
    this.last = out;
    this.lastQueue = q;
    this.t = t + 1;
  }

  /** Spreads n requests over the first `pods` pods (round robin for the remainder). */
  private spread(n: number, pods: number, visit: (pod: PodStats, k: number) => void): void {
    const base = Math.floor(n / pods);
    const rem = n - base * pods;
    for (let i = 0; i < pods; i++) {
      const k = base + ((i - this.rr + pods) % pods < rem ? 1 : 0);
      if (k > 0) visit(this.pods[i]!, k);
    }
    this.rr = (this.rr + rem) % pods;
  }

  private account(q: QueueSecond, ready: number): void {
    const pods = Math.min(ready, this.pods.length);
    this.livePods = pods;
    const { serviceSeconds, errorRatio } = this.spec;
    q.started.forEach((cohort, j) => {
      let left = cohort.count;
      SERVICE_SPREAD.forEach(([multiplier, share], i) => {
        const n = i === SERVICE_SPREAD.length - 1 ? left : Math.min(left, Math.round(cohort.count * share));
        left -= n;
        if (n <= 0 || pods <= 0) return;
        const errors = errorRatio > 0 ? Math.min(n, Math.floor(n * errorRatio + noise(this.seed, this.key, q.t, SALT_ERRORS + j * 8 + i))) : 0;
        const app = serviceSeconds * multiplier;
        // Behind the activator the breaker queue stays empty (the activator throttles to CC per pod).
        const proxy = cohort.viaActivator ? app : cohort.waitSeconds + app;
        const total = cohort.waitSeconds + app;
        for (const [code, k] of [
          [200, n - errors],
          [500, errors],
        ] as const) {
          if (k <= 0) continue;
          if (cohort.viaActivator) this.activator.observe(code, total, k);
          this.spread(k, pods, (pod, m) => {
            pod.proxy.observe(code, proxy, m);
            pod.app.observe(code, app, m);
          });
        }
      });
    });
    if (q.rejected > 0 && pods > 0) this.spread(q.rejected, pods, (pod, m) => pod.proxy.observe(503, REJECT_SECONDS, m));
    if (q.timedOut > 0) this.activator.observe(504, this.spec.timeoutSeconds, q.timedOut);
    const depth = pods > 0 ? (q.busy + q.queued) / pods : 0;
    for (let i = 0; i < pods; i++) this.pods[i]!.queueDepth = depth;
  }

  /** Emits the current value of every live series (after at least one step). */
  emit(sink: Sink): void {
    const s = this.last;
    const q = this.lastQueue;
    if (!s || !q) return;
    const g = this.def.gauges;
    const values = new Map<Family, number>([
      [g.desired, s.desiredPods],
      [g.requested, s.requestedPods],
      [g.ready, s.readyPods],
      [g.notReady, s.notReadyPods],
      [g.pending, s.pendingPods],
      [g.terminating, s.terminatingPods],
      [g.stable, s.stable],
      [g.panic, s.panic],
      [g.target, s.target],
      [g.stableRps, s.stable],
      [g.panicRps, s.panic],
      [g.targetRps, s.target],
      [g.ebc, s.ebc],
      [g.panicMode, s.panicMode ? 1 : 0],
    ]);
    for (const [family, series] of this.gaugeSeries) sink(family, series, values.get(family) ?? 0);
    sink(this.def.containerConcurrency, this.ccSeries, this.spec.containerConcurrency);
    sink(this.def.activatorConcurrency, this.activatorConcurrencySeries, round6(q.activatorConcurrency));
    this.activator.emit(sink);
    // Queue-proxy series exist while their pod is ready (a gone pod is no longer scraped).
    for (let i = 0; i < this.livePods; i++) {
      const pod = this.pods[i]!;
      pod.proxy.emit(sink);
      pod.app.emit(sink);
      if (this.spec.containerConcurrency > 0) sink(this.def.queueDepth, pod.queueDepthSeries, round6(pod.queueDepth));
    }
  }
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
