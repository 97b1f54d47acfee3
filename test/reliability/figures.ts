// Figures for RELIABILITY.md: each suite appends one JSON line per measurement to the file named by
// ORRERY_RELIABILITY_FIGURES (set by `npm run test:hard`; unset otherwise, then nothing is written).
// No test-framework imports, so vitest files and Playwright specs both use it.
import { writeFileSync } from "node:fs";

export function recordFigure(figure: Record<string, unknown>): void {
  const file = process.env.ORRERY_RELIABILITY_FIGURES;
  if (!file) return;
  writeFileSync(file, `${JSON.stringify({ at: new Date().toISOString(), ...figure })}\n`, { flag: "a" });
}
