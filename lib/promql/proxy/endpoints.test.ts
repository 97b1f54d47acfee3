import { describe, expect, it } from "vitest";
import { resolveEndpoint } from "./endpoints";

describe("resolveEndpoint", () => {
  it.each([
    [["query"], "query", ["GET", "POST"]],
    [["query_range"], "query_range", ["GET", "POST"]],
    [["query_exemplars"], "query_exemplars", ["GET", "POST"]],
    [["series"], "series", ["GET", "POST"]],
    [["labels"], "labels", ["GET", "POST"]],
    [["label", "cluster", "values"], "label/cluster/values", ["GET"]],
    [["label", "__name__", "values"], "label/__name__/values", ["GET"]],
    [["metadata"], "metadata", ["GET"]],
    [["targets"], "targets", ["GET"]],
    [["rules"], "rules", ["GET"]],
    [["alerts"], "alerts", ["GET"]],
    [["status", "buildinfo"], "status/buildinfo", ["GET"]],
    [["status", "runtimeinfo"], "status/runtimeinfo", ["GET"]],
    [["status", "config"], "status/config", ["GET"]],
    [["status", "flags"], "status/flags", ["GET"]],
    [["status", "tsdb"], "status/tsdb", ["GET"]],
  ])("%j is allowed as %s", (segments, path, methods) => {
    const e = resolveEndpoint(segments, "prometheus");
    expect(e?.path).toBe(path);
    expect(e?.methods).toEqual(methods);
  });

  it.each([
    [["admin", "tsdb", "delete_series"]],
    [["admin", "tsdb", "snapshot"]],
    [["..", "..", "federate"]],
    [["federate"]],
    [["write"]],
    [["%2e%2e", "federate"]],
    [["query", ".."]],
    [["label", "..", "values"]],
    [["label", "a/b", "values"]],
    [["label", "bad-name", "values"]],
    [["label", "%2F", "values"]],
    [["status", "tsdb", "blocks"]],
    [["status", "walreplay"]],
    [["stores"]], // Thanos only
    [["query_explain"]],
    [["constructor"]],
    [["__proto__"]],
    [["hasOwnProperty"]],
    [["toString"]],
    [[]],
    [["QUERY"]],
    [["query "]],
  ])("%j is refused", (segments) => {
    expect(resolveEndpoint(segments, "prometheus")).toBeNull();
  });

  it("serves stores only for Thanos", () => {
    expect(resolveEndpoint(["stores"], "thanos")?.path).toBe("stores");
    expect(resolveEndpoint(["stores"], "prometheus")).toBeNull();
  });

  it("marks which endpoints evaluate PromQL and take Thanos selection parameters", () => {
    expect(resolveEndpoint(["query_range"], "thanos")).toMatchObject({ evaluates: true, thanosSelect: true });
    expect(resolveEndpoint(["series"], "thanos")).toMatchObject({ evaluates: false, thanosSelect: true });
    expect(resolveEndpoint(["targets"], "thanos")).toMatchObject({ evaluates: false, thanosSelect: false });
  });
});
