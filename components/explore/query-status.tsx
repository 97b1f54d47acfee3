import { PromQLError } from "@/lib/promql/types";
import { Callout } from "@/components/ui/callout";

const TITLES: Record<string, string> = {
  bad_data: "Invalid query",
  execution: "Query execution failed",
  timeout: "Query timed out",
  canceled: "Query cancelled",
  unavailable: "Datasource unavailable",
  not_found: "Not found",
  network: "Cannot reach Orrery",
  bad_response: "Unexpected response",
  too_large: "Result too large",
};

export interface QueryErrorProps {
  error: Error;
}

/** The upstream's own message, in place of the result, titled by its errorType. */
export function QueryError({ error }: QueryErrorProps) {
  const errorType = error instanceof PromQLError ? error.errorType : null;
  const title = (errorType !== null ? TITLES[errorType] : undefined) ?? "Query failed";
  return (
    <Callout tone="error" title={title}>
      {errorType !== null ? (
        <code className="mr-2 rounded bg-red-100 px-1 py-0.5 text-xs dark:bg-red-900/60">{errorType}</code>
      ) : null}
      <span className="font-mono text-xs">{error.message}</span>
    </Callout>
  );
}

export interface QueryAnnotationsProps {
  warnings: readonly string[];
  infos: readonly string[];
}

/** Prometheus's warnings and infos for a result, shown beside it (as in Prometheus's Graph view). */
export function QueryAnnotations({ warnings, infos }: QueryAnnotationsProps) {
  if (warnings.length === 0 && infos.length === 0) return null;
  return (
    <div className="flex flex-col gap-2">
      {warnings.length > 0 ? (
        <Callout tone="warning" title={warnings.length === 1 ? "Warning" : `${warnings.length} warnings`}>
          <ul className="list-disc pl-4 font-mono text-xs">
            {warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </Callout>
      ) : null}
      {infos.length > 0 ? (
        <Callout tone="info" title={infos.length === 1 ? "Info" : `${infos.length} infos`}>
          <ul className="list-disc pl-4 font-mono text-xs">
            {infos.map((info, i) => (
              <li key={i}>{info}</li>
            ))}
          </ul>
        </Callout>
      ) : null}
    </div>
  );
}
