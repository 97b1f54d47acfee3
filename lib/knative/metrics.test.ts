import { describe, expect, it } from "vitest";
import {
  errorRatioQuery,
  errorRateQuery,
  escapeLabelValue,
  latencyQuantileQuery,
  perPodQuery,
  requestRateQuery,
  revisionQuery,
  type RevisionRef,
  rateWindowFor,
} from "./metrics";

const oc: RevisionRef = { namespace: "media", service: "thumbnailer", configuration: "thumbnailer", revision: "thumbnailer-00002", metricSet: "opencensus" };
const otel: RevisionRef = { ...oc, metricSet: "otel" };

describe("revisionQuery", () => {
  it.each([
    [oc, "desired", 'max by (namespace_name, service_name, configuration_name, revision_name) (autoscaler_desired_pods{namespace_name="media",revision_name="thumbnailer-00002"})'],
    [oc, "ready", 'max by (namespace_name, service_name, configuration_name, revision_name) (autoscaler_actual_pods{namespace_name="media",revision_name="thumbnailer-00002"})'],
    [otel, "stable", 'max by (k8s_namespace_name, kn_service_name, kn_configuration_name, kn_revision_name) (kn_revision_concurrency_stable{k8s_namespace_name="media",kn_revision_name="thumbnailer-00002"})'],
    [otel, "panicRps", 'max by (k8s_namespace_name, kn_service_name, kn_configuration_name, kn_revision_name) (kn_revision_rps_panic_per_second{k8s_namespace_name="media",kn_revision_name="thumbnailer-00002"})'],
    [otel, "ebc", 'max by (k8s_namespace_name, kn_service_name, kn_configuration_name, kn_revision_name) (kn_revision_capacity_excess{k8s_namespace_name="media",kn_revision_name="thumbnailer-00002"})'],
  ] as const)("%o %s", (ref, metric, expected) => {
    expect(revisionQuery(ref, metric)).toBe(expected);
  });

  it("escapes quotes, backslashes and newlines in label values", () => {
    const q = revisionQuery({ ...oc, namespace: 'a"b\\c\nd' }, "desired");
    expect(q).toContain('namespace_name="a\\"b\\\\c\\nd"');
    expect(escapeLabelValue('"} or vector(1) #')).toBe('\\"} or vector(1) #');
  });

  it("divides totals by ready pods clamped at 1 on matching labels", () => {
    const q = perPodQuery(oc, "panic");
    expect(q).toMatch(/^max by .*autoscaler_panic_request_concurrency.* \/ on \(namespace_name, service_name, configuration_name, revision_name\) clamp_min\(max by .*autoscaler_actual_pods.*, 1\)$/);
  });
});

describe("request queries", () => {
  it("use queue-proxy counters and 5xx matchers of each set", () => {
    expect(requestRateQuery(oc, "1m")).toBe('sum(rate(revision_request_count{namespace_name="media",revision_name="thumbnailer-00002"}[1m]))');
    expect(errorRateQuery(oc, "1m")).toContain('response_code_class="5xx"');
    expect(errorRateQuery(otel, "2m")).toContain('http_response_status_code=~"5.."}[2m]');
    expect(errorRatioQuery(otel, "60s")).toContain("http_server_request_duration_seconds_count");
    // The activator exports the same OTel name with the same revision labels: keep queue-proxy's only.
    expect(requestRateQuery(otel, "1m")).toBe(
      'sum(rate(http_server_request_duration_seconds_count{k8s_namespace_name="media",kn_revision_name="thumbnailer-00002",k8s_container_name="queue-proxy"}[1m]))',
    );
  });

  it("converts OpenCensus milliseconds to seconds, keeps OTel seconds", () => {
    expect(latencyQuantileQuery(oc, 0.99, "1m")).toBe(
      'histogram_quantile(0.99, sum by (le) (rate(revision_request_latencies_bucket{namespace_name="media",revision_name="thumbnailer-00002"}[1m]))) * 0.001',
    );
    expect(latencyQuantileQuery(otel, 0.5, "1m")).toMatch(/^histogram_quantile\(0\.5, .*http_server_request_duration_seconds_bucket.*\)\)\)$/);
  });

  it("rejects bad windows and quantiles with a message naming them", () => {
    expect(() => requestRateQuery(oc, "1m] or up[")).toThrow(/bad rate window "1m\] or up\["/);
    expect(() => latencyQuantileQuery(oc, 1.5, "1m")).toThrow(/quantile.*1\.5/);
  });
});

describe("rateWindowFor", () => {
  it("holds two steps, never less than two minutes (60 s OTLP export still gives rate() two samples)", () => {
    expect(rateWindowFor(2)).toBe("120s");
    expect(rateWindowFor(18)).toBe("120s");
    expect(rateWindowFor(72)).toBe("144s");
    expect(rateWindowFor(300.5)).toBe("602s");
  });
});
