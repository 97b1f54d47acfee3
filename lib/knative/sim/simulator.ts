/**
 * The whole simulated cluster: every scenario revision advanced second by second from a fixed
 * start (`historyFrom`), so the state at time t depends on (seed, historyFrom, t) only — never on
 * when the process started. Live serving and backfill use the same code and agree at equal t.
 */
import { kpaEngine } from "./engine";
import { type LabelPairs, METRIC_SET_DEFS, type MetricSetDef, type SimMetricSet } from "./metric-sets";
import { type EngineFactory, RevisionSim } from "./revision-sim";
import { SCENARIO, type SimRevisionSpec } from "./scenario";
import type { Sink } from "./series";

export interface SimulatorOptions {
  metricSet: SimMetricSet;
  seed: number;
  /** First simulated second (unix s, whole). */
  historyFrom: number;
  /** Labels added to every series (e.g. job, instance). */
  extraLabels?: LabelPairs;
  revisions?: readonly SimRevisionSpec[];
  engine?: EngineFactory;
  /** Keep each revision's per-second engine input/output (tests). */
  record?: boolean;
}

export class Simulator {
  readonly def: MetricSetDef;
  readonly revisions: RevisionSim[];
  /** The last simulated second (historyFrom − 1 before any step). */
  private lastT: number;

  constructor(opts: SimulatorOptions) {
    if (!Number.isInteger(opts.historyFrom)) throw new RangeError(`historyFrom must be whole unix seconds, got ${opts.historyFrom}`);
    if (!Number.isInteger(opts.seed)) throw new RangeError(`seed must be an integer, got ${opts.seed}`);
    this.def = METRIC_SET_DEFS[opts.metricSet];
    const naming = { extra: opts.extraLabels ?? [] };
    this.revisions = (opts.revisions ?? SCENARIO).map(
      (spec) =>
        new RevisionSim({
          spec,
          seed: opts.seed >>> 0,
          startT: opts.historyFrom,
          def: this.def,
          naming,
          engine: opts.engine ?? kpaEngine,
          record: opts.record,
        }),
    );
    this.lastT = opts.historyFrom - 1;
  }

  /** The last second simulated so far. */
  get time(): number {
    return this.lastT;
  }

  /** Simulates every second up to and including t (no-op when t is already past). */
  advanceTo(t: number): void {
    const end = Math.floor(t);
    for (const r of this.revisions) while (r.t <= end) r.step();
    if (end > this.lastT) this.lastT = end;
  }

  /** Current value of every series, after at least one second has been simulated. */
  emit(sink: Sink): void {
    for (const r of this.revisions) r.emit(sink);
  }
}
