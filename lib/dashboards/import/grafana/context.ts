import type { DatasourceResolver, DsContext } from "./datasources";
import type { JsonObject } from "./json";
import type { ReportScope } from "./report";

/** What every panel converter gets. */
export interface PanelCtx {
  raw: JsonObject;
  /** Grafana's panel type as written. */
  type: string;
  scope: ReportScope;
  dsContext: DsContext;
  resolver: DatasourceResolver;
  /** Names of the imported dashboard's variables (repeat must name one). */
  variables: ReadonlySet<string>;
}

/** A converted panel body: Orrery type, options and field config; keys of `raw` it consumed. */
export interface PanelBody {
  type: string;
  options: Record<string, unknown>;
  /** Field config fields the type sets beyond the standard conversion (e.g. unit from y-axes). */
  defaults?: Record<string, unknown>;
  overrides?: Array<{ matcher: { id: "byName" | "byRegexp"; options: string }; properties: Array<{ id: string; value: unknown }> }>;
  /** Keys of the Grafana panel this converter read (the rest is checked generically). */
  consumed: readonly string[];
  /** Target formats the type consumes as Grafana does. */
  formats?: readonly string[];
}
