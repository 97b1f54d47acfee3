import type { RunTotals } from "@/lib/knative/whatif/totals";

export interface WhatIfTotalsProps {
  actual: RunTotals;
  baseline: RunTotals;
  predicted: RunTotals;
  /** How "over capacity" was judged, in words. */
  capacityRule: string;
}

const ROWS: Array<{ key: keyof RunTotals; id: string; label: string }> = [
  { key: "podSeconds", id: "podseconds", label: "Ready pod-seconds (cost)" },
  { key: "overCapacitySeconds", id: "overcap", label: "Seconds over capacity" },
  { key: "panics", id: "panics", label: "Panics" },
  { key: "coldStarts", id: "coldstarts", label: "Cold starts" },
];

const format = (n: number) => Math.round(n).toLocaleString("en-US");

/** Signed change from actual to predicted, e.g. "−42 %" (nothing when actual is 0). */
export function changeText(actual: number, predicted: number): string {
  if (actual === 0) return predicted === 0 ? "±0" : "";
  const pct = Math.round(((predicted - actual) / actual) * 100);
  return pct === 0 ? "±0 %" : `${pct > 0 ? "+" : "−"}${Math.abs(pct)} %`;
}

/** The totals of the recorded run, the replay with the revision's settings and the what-if, side by side. */
export function WhatIfTotals({ actual, baseline, predicted, capacityRule }: WhatIfTotalsProps) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm">
        <caption className="pb-1 text-left text-xs text-slate-500">
          Over capacity: {capacityRule}. Cold start: ready pods going from 0 to more than 0 after requests arrived.
        </caption>
        <thead>
          <tr className="border-b border-slate-200 text-left text-xs text-slate-500 dark:border-slate-700">
            <th scope="col" className="py-1 pr-3 font-medium">Total over the range</th>
            <th scope="col" className="py-1 pr-3 text-right font-medium">Actual (recorded)</th>
            <th scope="col" className="py-1 pr-3 text-right font-medium">Replay, revision&apos;s settings</th>
            <th scope="col" className="py-1 pr-3 text-right font-medium">What-if</th>
            <th scope="col" className="py-1 text-right font-medium">What-if vs actual</th>
          </tr>
        </thead>
        <tbody>
          {ROWS.map((row) => (
            <tr key={row.key} className="border-b border-slate-100 dark:border-slate-800">
              <th scope="row" className="py-1 pr-3 text-left font-normal">{row.label}</th>
              <td data-testid={`whatif-${row.id}-actual`} className="py-1 pr-3 text-right tabular-nums">{format(actual[row.key])}</td>
              <td data-testid={`whatif-${row.id}-baseline`} className="py-1 pr-3 text-right tabular-nums">{format(baseline[row.key])}</td>
              <td data-testid={`whatif-${row.id}-predicted`} className="py-1 pr-3 text-right font-semibold tabular-nums">{format(predicted[row.key])}</td>
              <td className="py-1 text-right tabular-nums text-slate-500">{changeText(actual[row.key], predicted[row.key])}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
