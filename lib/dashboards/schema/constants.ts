// The dashboard model's constants, without zod: the browser's first load of /d lays out the grid
// and reads the schema version without evaluating the schemas (classic zod's module evaluation was
// ~50–90 ms of /d's hydration: issue 7 B5, scripts/bench/page-profile.ts). The schemas use these.

/** The dashboard JSON format this Orrery writes; older documents are upgraded by migrate.ts. */
export const CURRENT_SCHEMA_VERSION = 1;

/** Columns of the dashboard grid (Grafana's 24). */
export const GRID_COLUMNS = 24;
