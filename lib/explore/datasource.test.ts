import { describe, expect, it } from "vitest";
import type { DatasourceInfo } from "@/lib/promql/types";
import { chooseDatasource } from "./datasource";

const ds = (id: string, isDefault = false): DatasourceInfo => ({ id, name: id.toUpperCase(), type: "prometheus", default: isDefault });
const GLOBAL = ds("global", true);
const EAST = ds("east");
const WEST = ds("west");

describe("chooseDatasource", () => {
  it.each<[string, DatasourceInfo[], string | null, DatasourceInfo | null, string | null]>([
    ["the default when none is asked for", [EAST, GLOBAL, WEST], null, GLOBAL, null],
    ["the one asked for", [EAST, GLOBAL, WEST], "west", WEST, null],
    ["the first when none is marked default", [EAST, WEST], null, EAST, null],
    ["the default, with a notice, for an unknown id", [EAST, GLOBAL], "gone", GLOBAL, 'Datasource "gone" does not exist; showing "GLOBAL" instead.'],
    ["nothing from an empty list", [], null, null, null],
    ["nothing, with a notice, from an empty list", [], "east", null, 'Datasource "east" does not exist.'],
  ])("%s", (_name, list, requested, datasource, notice) => {
    expect(chooseDatasource(list, requested)).toEqual({ datasource, notice });
  });
});
