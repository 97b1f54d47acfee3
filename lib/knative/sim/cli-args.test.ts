import { describe, expect, it } from "vitest";
import { parseCliArgs, parseLabels, UsageError } from "./cli-args";

const NOW = 1_764_300_000;

describe("parseCliArgs", () => {
  it("parses serve with defaults", () => {
    expect(parseCliArgs(["serve", "--port", "19301", "--metric-set", "otel"], NOW)).toEqual({
      command: "serve",
      port: 19301,
      host: "127.0.0.1",
      metricSet: "otel",
      seed: 1,
      historyFrom: NOW - 3600,
    });
  });

  it("parses backfill with defaults: step 2, request step 30, history from --from", () => {
    const args = parseCliArgs(
      ["backfill", "--metric-set", "opencensus", "--from", "1000", "--to", "2000", "--out", "x.om", "--labels", "job=knative,instance=127.0.0.1:1"],
      NOW,
    );
    expect(args).toEqual({
      command: "backfill",
      metricSet: "opencensus",
      from: 1000,
      to: 2000,
      out: "x.om",
      step: 2,
      requestStep: 30,
      seed: 1,
      labels: [
        ["job", "knative"],
        ["instance", "127.0.0.1:1"],
      ],
      historyFrom: 1000,
    });
    expect(parseCliArgs(["backfill", "--metric-set", "otel", "--from", "0", "--to", "9", "--out", "o", "--step", "7"], NOW)).toMatchObject({
      requestStep: 35,
    });
  });

  it.each([
    [[], "a command is required"],
    [["run"], 'unknown command "run"'],
    [["serve", "--metric-set", "otel"], "--port is required"],
    [["serve", "--port", "x", "--metric-set", "otel"], "--port must be a whole number"],
    [["serve", "--port", "70000", "--metric-set", "otel"], "--port must be ≤ 65535"],
    [["serve", "--port", "1", "--metric-set", "prom"], "--metric-set must be opencensus or otel"],
    [["serve", "--port", "1"], "--metric-set is required"],
    [["serve", "--port", "1", "--metric-set", "otel", "--history-from", String(NOW + 10)], "--history-from"],
    [["serve", "--port", "1", "--metric-set", "otel", "--out", "f"], "--out is not an option of serve"],
    [["serve", "--port", "1", "--metric-set", "otel", "--bogus", "1"], "--bogus"],
    [["backfill", "--metric-set", "otel", "--to", "2", "--out", "f"], "--from is required"],
    [["backfill", "--metric-set", "otel", "--from", "5", "--to", "2", "--out", "f"], "--to (2) must not be before --from (5)"],
    [["backfill", "--metric-set", "otel", "--from", "1", "--to", "2"], "--out is required"],
    [["backfill", "--metric-set", "otel", "--from", "1", "--to", "2", "--out", "f", "--step", "0"], "--step must be ≥ 1"],
    [["backfill", "--metric-set", "otel", "--from", "1", "--to", "2", "--out", "f", "--request-step", "31"], "--request-step must be a multiple of --step"],
    [["backfill", "--metric-set", "otel", "--from", "1", "--to", "2", "--out", "f", "--history-from", "5"], "--history-from (5) must not be after --from (1)"],
    [["backfill", "--metric-set", "otel", "--from", "1", "--to", "2", "--out", "f", "--seed", "1.5"], "--seed must be a whole number"],
    [["backfill", "--metric-set", "otel", "--from", "1", "--to", "2", "--out", "f", "--port", "1"], "--port is not an option of backfill"],
  ])("%j → %s", (argv, message) => {
    expect(() => parseCliArgs(argv, NOW)).toThrow(UsageError);
    expect(() => parseCliArgs(argv, NOW)).toThrow(message);
  });
});

describe("parseLabels", () => {
  it.each([
    ["job", '"job" is not k=v'],
    ["=x", '"=x" is not k=v'],
    ["1a=x", '"1a" is not a valid label name'],
    ["__name__=x", '"__name__" is not a valid label name'],
    ["le=1", '"le" is a label of the simulated series'],
    ["revision_name=x", '"revision_name" is a label of the simulated series'],
    ["a=1,a=2", '"a" is given twice'],
  ])("%s → %s", (raw, message) => {
    expect(() => parseLabels(raw)).toThrow(`--labels: ${message}`);
  });

  it("keeps '=' inside values and empty values", () => {
    expect(parseLabels("a=b=c,d=")).toEqual([
      ["a", "b=c"],
      ["d", ""],
    ]);
  });
});
