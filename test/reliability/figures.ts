// Figures for RELIABILITY.md: each suite appends one JSON line per measurement to the file named by
// ORRERY_RELIABILITY_FIGURES (set by `npm run test:hard`; unset otherwise, then nothing is written).
// No test-framework imports, so vitest files and Playwright specs both use it.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

export function recordFigure(figure: Record<string, unknown>): void {
  const file = process.env.ORRERY_RELIABILITY_FIGURES;
  if (!file) return;
  // The folder may have been emptied or removed by a later step's fresh stack: a passing suite keeps its figure.
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ at: new Date().toISOString(), ...figure })}\n`, { flag: "a" });
}
