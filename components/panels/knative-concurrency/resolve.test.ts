import { describe, expect, it } from "vitest";
import { resolvePanelTarget } from "./resolve";

const scope = {
  namespace: { value: "media", text: "media", options: [], multi: false, includeAll: false },
  revision: { value: ["a-00001", "b-00001"], text: ["a-00001", "b-00001"], options: [], multi: true, includeAll: false },
  rev: "thumbnailer-00002",
};

describe("resolvePanelTarget", () => {
  it("interpolates variables", () => {
    expect(resolvePanelTarget({ namespace: "$namespace", revision: "${rev}", chart: "pods" }, scope)).toEqual({ ok: true, namespace: "media", revision: "thumbnailer-00002" });
  });

  it.each([
    [{ namespace: "", revision: "x", chart: "concurrency" as const }, /Set the namespace/],
    [{ namespace: "$namespace", revision: "$revision", chart: "concurrency" as const }, /revision ".*" \(from "\$revision"\) is not one Kubernetes name/],
    [{ namespace: "$missing", revision: "x", chart: "concurrency" as const }, /namespace "\$missing"/],
  ])("refuses %j with a message naming the option", (options, message) => {
    const r = resolvePanelTarget(options, scope);
    expect(r.ok).toBe(false);
    expect(r.ok ? "" : r.error).toMatch(message);
  });
});
