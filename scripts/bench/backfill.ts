import { execFile } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { findExecutable } from "../stack";

const run = promisify(execFile);

export interface BackfillSpec {
  /** Unix seconds of the first and last sample. */
  from: number;
  to: number;
  intervalS: number;
  /** Series names (label s) of a gauge and a counter family. */
  series: string[];
}

/**
 * Deterministic history: gauge `orrery_prop_gauge{s}` and counter `orrery_prop_total{s}`. Series
 * index 2 has a one-hour gap in the middle, index 3 only starts halfway, so merges meet series
 * that come and go.
 */
export function openMetrics(spec: BackfillSpec): string {
  const lines: string[] = [];
  const mid = Math.floor((spec.from + spec.to) / 2);
  const present = (i: number, t: number) => !(i === 2 && t > mid - 1800 && t < mid + 1800) && !(i === 3 && t < mid);
  const families = [
    { type: "gauge", family: "orrery_prop_gauge", sample: "orrery_prop_gauge", value: (i: number, t: number) => (50 + 40 * Math.sin(t / 3000 + i)).toFixed(3) },
    { type: "counter", family: "orrery_prop", sample: "orrery_prop_total", value: (i: number, t: number) => String(Math.floor((t - spec.from) * (i + 1) * 0.7)) },
  ];
  for (const f of families) {
    lines.push(`# TYPE ${f.family} ${f.type}`);
    spec.series.forEach((name, i) => {
      for (let t = spec.from; t <= spec.to; t += spec.intervalS) {
        if (present(i, t)) lines.push(`${f.sample}{s="${name}"} ${f.value(i, t)} ${t}`);
      }
    });
  }
  lines.push("# EOF");
  return `${lines.join("\n")}\n`;
}

/** Writes the history as TSDB blocks into `dataDir` with promtool (the server must not be running). */
export async function backfill(dataDir: string, workDir: string, spec: BackfillSpec): Promise<void> {
  const promtool = process.env.PROMTOOL_BIN ?? findExecutable("promtool");
  if (!promtool) throw new Error("promtool is not on PATH (Debian `prometheus` package); set PROMTOOL_BIN.");
  mkdirSync(dataDir, { recursive: true });
  mkdirSync(workDir, { recursive: true });
  const file = join(workDir, "history.om");
  writeFileSync(file, openMetrics(spec));
  try {
    await run(promtool, ["tsdb", "create-blocks-from", "openmetrics", "--max-block-duration=24h", file, dataDir], { maxBuffer: 64 * 1024 * 1024 });
  } finally {
    rmSync(file, { force: true });
  }
}
