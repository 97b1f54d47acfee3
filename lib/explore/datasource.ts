import type { DatasourceInfo } from "@/lib/promql/types";

export interface DatasourceChoice {
  datasource: DatasourceInfo | null;
  /** Set when the requested datasource does not exist and another one is used instead. */
  notice: string | null;
}

/**
 * Picks the datasource to query: the requested one when it exists, else the one marked default,
 * else the first. A link naming a removed datasource still opens, with a notice saying so.
 */
export function chooseDatasource(list: readonly DatasourceInfo[], requested: string | null): DatasourceChoice {
  const fallback = list.find((ds) => ds.default) ?? list[0] ?? null;
  if (requested === null) return { datasource: fallback, notice: null };
  const found = list.find((ds) => ds.id === requested);
  if (found) return { datasource: found, notice: null };
  const instead = fallback ? `; showing "${fallback.name}" instead` : "";
  return { datasource: fallback, notice: `Datasource "${requested}" does not exist${instead}.` };
}
