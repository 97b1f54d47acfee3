import type { ImportReportEntryResponse } from "@/lib/dashboards/import-client";

export interface ReportTableProps {
  report: readonly ImportReportEntryResponse[];
}

/** Every field the importer could not carry over: panel, JSON path in the Grafana document, reason. */
export function ReportTable({ report }: ReportTableProps) {
  return (
    <section aria-labelledby="import-report-heading" className="space-y-2">
      <h2 id="import-report-heading" className="text-base font-semibold">
        Import report
      </h2>
      {report.length === 0 ? (
        <p className="text-sm text-emerald-700 dark:text-emerald-400">Everything was carried over: nothing to report.</p>
      ) : (
        <>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            {report.length} {report.length === 1 ? "thing was" : "things were"} not carried over (or carried over changed):
          </p>
          <div className="max-h-96 overflow-auto rounded border border-slate-200 dark:border-slate-800">
            <table aria-label="Import report" className="w-full text-left text-sm">
              <thead className="sticky top-0 bg-slate-50 text-xs text-slate-600 dark:bg-slate-900 dark:text-slate-400">
                <tr>
                  <th className="px-2 py-1">Panel</th>
                  <th className="px-2 py-1">Field</th>
                  <th className="px-2 py-1">Reason</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
                {report.map((r, i) => (
                  <tr key={i}>
                    <td className="px-2 py-1">{r.panel ? `${r.panel.title || "(untitled)"} (${r.panel.type})` : "Dashboard"}</td>
                    <td className="px-2 py-1 font-mono text-xs break-all">{r.path}</td>
                    <td className="px-2 py-1">{r.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
