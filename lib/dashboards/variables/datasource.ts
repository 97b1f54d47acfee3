import { stringToJsRegex } from "./options";
import type { VariableOption } from "./types";

/** What resolution needs to know about a configured datasource (`GET /api/datasources`). */
export interface DatasourceEntry {
  id: string;
  name: string;
  type: string;
  default?: boolean;
  /** The scrape interval, Grafana's "Scrape interval" (`timeInterval`). */
  scrapeInterval?: string;
}

/**
 * Grafana's datasource variable: every datasource of the type ("" for all), filtered by the
 * regex (already interpolated) against the name. Options show the name and hold the id.
 */
export function datasourceOptions(datasources: readonly DatasourceEntry[], type: string, regex: string): VariableOption[] {
  const re = regex ? stringToJsRegex(regex) : null;
  return datasources
    .filter((ds) => type === "" || ds.type === type)
    .filter((ds) => {
      if (re === null) return true;
      re.lastIndex = 0; // a /.../g regex keeps state between tests
      return re.test(ds.name);
    })
    .map((ds) => ({ text: ds.name, value: ds.id }));
}

/** The datasource a reference names, by id or by name; the default one when the reference is empty. */
export function findDatasource(datasources: readonly DatasourceEntry[], ref: string): DatasourceEntry | undefined {
  if (ref === "" || ref === "default") return datasources.find((d) => d.default) ?? datasources[0];
  return datasources.find((d) => d.id === ref) ?? datasources.find((d) => d.name === ref);
}
