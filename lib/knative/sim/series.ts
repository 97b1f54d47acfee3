/**
 * Series with their exposition prefix (`name{labels}`) built once, so writing a sample is a string
 * concatenation: backfill writes tens of millions of them.
 */
import type { Family, LabelPairs } from "./metric-sets";

export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"');
}

export function renderLabels(pairs: LabelPairs): string {
  if (pairs.length === 0) return "";
  return `{${pairs.map(([k, v]) => `${k}="${escapeLabelValue(v)}"`).join(",")}}`;
}

/** Receives one sample: its family (for grouping under HELP/TYPE) and the series text before the value. */
export type Sink = (family: Family, series: string, value: number) => void;

/** What every series of a run carries in addition to its own labels (e.g. job, instance). */
export interface Naming {
  extra: LabelPairs;
}

export function seriesName(naming: Naming, name: string, labels: LabelPairs): string {
  return name + renderLabels([...labels, ...naming.extra]);
}

export class CounterSeries {
  value = 0;
  readonly series: string;
  constructor(
    readonly family: Family,
    naming: Naming,
    labels: LabelPairs,
  ) {
    this.series = seriesName(naming, family.name, labels);
  }
  emit(sink: Sink): void {
    sink(this.family, this.series, this.value);
  }
}

function leLabel(bound: number): string {
  return String(Math.round(bound * 1e9) / 1e9);
}

/** A cumulative histogram; observations in seconds, exported in the family's unit (× scale). */
export class HistogramSeries {
  private readonly bins: Float64Array;
  private sumSeconds = 0;
  private count = 0;
  private readonly bucketSeries: string[];
  private readonly sumSeries: string;
  private readonly countSeries: string;

  constructor(
    readonly family: Family,
    naming: Naming,
    labels: LabelPairs,
    private readonly boundsSeconds: readonly number[],
    private readonly scale: number,
  ) {
    this.bins = new Float64Array(boundsSeconds.length + 1);
    const les = [...boundsSeconds.map((b) => leLabel(b * scale)), "+Inf"];
    this.bucketSeries = les.map((le) => seriesName(naming, `${family.name}_bucket`, [...labels, ["le", le]]));
    this.sumSeries = seriesName(naming, `${family.name}_sum`, labels);
    this.countSeries = seriesName(naming, `${family.name}_count`, labels);
  }

  observe(seconds: number, n: number): void {
    if (n <= 0) return;
    const b = this.boundsSeconds;
    let i = 0;
    while (i < b.length && seconds > b[i]!) i++;
    this.bins[i]! += n;
    this.count += n;
    this.sumSeconds += seconds * n;
  }

  get total(): number {
    return this.count;
  }

  emit(sink: Sink): void {
    let cumulative = 0;
    for (let i = 0; i < this.bins.length; i++) {
      cumulative += this.bins[i]!;
      sink(this.family, this.bucketSeries[i]!, cumulative);
    }
    // Rounded so the text stays short; 1e-6 of the unit is far below any latency we model.
    sink(this.family, this.sumSeries, Math.round(this.sumSeconds * this.scale * 1e6) / 1e6);
    sink(this.family, this.countSeries, this.count);
  }
}
