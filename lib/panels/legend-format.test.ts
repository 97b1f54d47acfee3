import { describe, expect, it } from "vitest";
import { formatLegend, LEGEND_AUTO } from "./legend-format";

const labels = { __name__: "http_requests_total", job: "api", instance: "a:9090", "service.name": "checkout", price: "$1 $& $$" };

describe("formatLegend (Grafana's legendFormat)", () => {
  it.each<[string, string, string]>([
    ["one label", "{{job}}", "api"],
    ["spaces inside the braces", "{{ job }}", "api"],
    ["tabs and uneven spaces", "{{\tjob  }}", "api"],
    ["text around labels", "{{job}} on {{ instance }}", "api on a:9090"],
    ["the metric name", "{{__name__}}", "http_requests_total"],
    ["the metric name with a label", "{{ __name__ }}/{{job}}", "http_requests_total/api"],
    ["an unknown label renders empty", "{{job}}-{{cluster}}", "api-"],
    ["a label name with a dot (UTF-8 label names)", "{{service.name}}", "checkout"],
    ["a value with replacement patterns stays literal", "{{price}}", "$1 $& $$"],
    ["plain text without references", "requests", "requests"],
    ["single braces are literal", "{job}", "{job}"],
    ["an unclosed reference is literal", "{{job", "{{job"],
    ["object property names are not labels", "{{job}}{{constructor}}{{toString}}{{__proto__}}", "api"],
  ])("%s: %s", (_name, format, expected) => {
    expect(formatLegend(format, labels)).toBe(expected);
  });

  it("names the series Prometheus-style when the format is empty, blank or __auto", () => {
    const expected = 'http_requests_total{job="api", instance="a:9090", service.name="checkout", price="$1 $& $$"}';
    for (const format of ["", "   ", LEGEND_AUTO]) expect(formatLegend(format, labels)).toBe(expected);
  });

  it("falls back to the Prometheus-style name when every reference is unknown", () => {
    expect(formatLegend("{{cluster}}", { job: "api" })).toBe('{job="api"}');
    expect(formatLegend("{{ cluster }} ", {})).toBe("{}");
  });

  it("drops the metric name when the series has none, as after rate()", () => {
    expect(formatLegend("{{__name__}} {{job}}", { job: "api" })).toBe(" api");
  });
});
