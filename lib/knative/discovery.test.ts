import { describe, expect, it } from "vitest";
import { DISCOVERY_MATCH, metricSetsOf, namespacesOf, resolveSelection, revisionsFromSeries, servicesOf } from "./discovery";

const series: Array<Record<string, string>> = [
  { __name__: "autoscaler_desired_pods", namespace_name: "media", service_name: "thumbnailer", configuration_name: "thumbnailer", revision_name: "thumbnailer-00002", pod: "autoscaler-a" },
  // A stale copy from another autoscaler replica: same revision, other pod label.
  { __name__: "autoscaler_desired_pods", namespace_name: "media", service_name: "thumbnailer", configuration_name: "thumbnailer", revision_name: "thumbnailer-00002", pod: "autoscaler-b" },
  { __name__: "autoscaler_desired_pods", namespace_name: "media", service_name: "thumbnailer", configuration_name: "thumbnailer", revision_name: "thumbnailer-00001" },
  { __name__: "kn_revision_pods_desired", k8s_namespace_name: "shop", kn_service_name: "checkout", kn_configuration_name: "checkout", kn_revision_name: "checkout-00003", namespace: "knative-serving" },
  // Mid-upgrade: the same revision in both sets.
  { __name__: "kn_revision_pods_desired", k8s_namespace_name: "media", kn_service_name: "thumbnailer", kn_configuration_name: "thumbnailer", kn_revision_name: "thumbnailer-00002" },
  // Missing identity, or another metric: ignored.
  { __name__: "autoscaler_desired_pods", namespace_name: "media" },
  { __name__: "up", namespace_name: "x", revision_name: "y" },
  // No Service: OpenCensus writes "unknown"; an absent label is treated the same.
  { __name__: "autoscaler_desired_pods", namespace_name: "batch", configuration_name: "job", revision_name: "job-00001" },
];

describe("revisionsFromSeries", () => {
  const revisions = revisionsFromSeries(series);

  it("tags each revision with its metric set, reads the right labels, and dedupes", () => {
    expect(revisions.map((r) => `${r.metricSet}:${r.namespace}/${r.service}/${r.revision}`)).toEqual([
      "opencensus:batch/unknown/job-00001",
      "opencensus:media/thumbnailer/thumbnailer-00001",
      "opencensus:media/thumbnailer/thumbnailer-00002",
      "otel:media/thumbnailer/thumbnailer-00002",
      "otel:shop/checkout/checkout-00003",
    ]);
    // The revision's namespace, not the autoscaler pod's `namespace` label (notes §1b caveat 5).
    expect(revisions.find((r) => r.revision === "checkout-00003")?.namespace).toBe("shop");
  });

  it("lists namespaces, services and sets", () => {
    expect(namespacesOf(revisions)).toEqual(["batch", "media", "shop"]);
    expect(servicesOf(revisions, "media")).toEqual(["thumbnailer"]);
    expect(metricSetsOf(revisions)).toEqual(["opencensus", "otel"]);
    expect(metricSetsOf(revisions.filter((r) => r.metricSet === "otel"))).toEqual(["otel"]);
  });

  it("matches both detection metrics in one selector", () => {
    expect(DISCOVERY_MATCH).toBe('{__name__=~"autoscaler_desired_pods|kn_revision_pods_desired"}');
  });
});

describe("resolveSelection", () => {
  const revisions = revisionsFromSeries(series);
  const none = { namespace: null, service: null, revision: null, metricSet: null };

  it.each([
    ["empty selection → first namespace, first service, newest revision", none, "opencensus:batch/job-00001"],
    ["requested revision and set", { namespace: "media", service: "thumbnailer", revision: "thumbnailer-00002", metricSet: "opencensus" as const }, "opencensus:media/thumbnailer-00002"],
    ["both sets, none requested → OTel", { namespace: "media", service: "thumbnailer", revision: "thumbnailer-00002", metricSet: null }, "otel:media/thumbnailer-00002"],
    ["unknown revision → newest of the service", { namespace: "media", service: "thumbnailer", revision: "gone-00009", metricSet: null }, "otel:media/thumbnailer-00002"],
    ["unknown namespace → first", { ...none, namespace: "nope" }, "opencensus:batch/job-00001"],
    ["set not present for revision → the one present", { namespace: "media", service: "thumbnailer", revision: "thumbnailer-00001", metricSet: "otel" as const }, "opencensus:media/thumbnailer-00001"],
  ])("%s", (_, wanted, expected) => {
    const r = resolveSelection(revisions, wanted);
    expect(r && `${r.metricSet}:${r.namespace}/${r.revision}`).toBe(expected);
  });

  it("is null when nothing was discovered", () => {
    expect(resolveSelection([], none)).toBeNull();
  });
});
