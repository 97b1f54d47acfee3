import { describe, expect, it } from "vitest";
import { dashboardSchema } from "./schema";
import { decodeDashboardUrlState, encodeDashboardUrlState, type DashboardUrlState } from "./url-state";
import { UrlWriteQueue, type UrlWrite } from "./url-state-writes";

const PATH = "/d/fed/overview";
const dashboard = dashboardSchema.parse({
  schemaVersion: 1,
  uid: "fed",
  title: "Overview",
  time: { from: "now-1h", to: "now" },
  templating: {
    list: [
      { type: "query", name: "cluster", query: "label_values(up, cluster)", multi: true, includeAll: true },
      { type: "query", name: "instance", query: 'label_values(up{cluster=~"$cluster"}, instance)', multi: true, includeAll: true },
    ],
  },
  panels: [],
});

/** The page's side: a queue whose writes land in `written`, and a change built as the page builds it. */
function page() {
  const written: UrlWrite[] = [];
  const deferred: Array<() => void> = [];
  const queue = new UrlWriteQueue((w) => written.push(w));
  let rendered = `${PATH}?`;
  const stateOf = (url: string) => decodeDashboardUrlState(url.slice(url.indexOf("?") + 1), dashboard).state;
  const urlOf = (state: DashboardUrlState) => `${PATH}?${encodeDashboardUrlState(state, dashboard).toString()}`;
  return {
    queue,
    written,
    /** The user's change (push) or the page's write-back (replace), built on the latest view. */
    change(delta: (latest: DashboardUrlState) => Partial<DashboardUrlState>, mode: "push" | "replace" = "push", defer = false) {
      const base = stateOf(queue.latest(rendered));
      return queue.submit({ url: urlOf({ ...base, ...delta(base) }), mode }, rendered, defer ? (flush) => deferred.push(flush) : undefined);
    },
    /** Next renders a URL (one it was given, or a back/forward). */
    render(url: string, address?: string) {
      rendered = url;
      queue.rendered(url, address);
    },
    runDeferred: () => deferred.splice(0).forEach((f) => f()),
    last: () => new URL(written.at(-1)!.url, "http://x").searchParams,
  };
}

const ALL = ["$__all"];

describe("UrlWriteQueue", () => {
  it("writes the newest write again when a render of an older one leaves the address bar on it (the router put it back and dropped the newer)", () => {
    const p = page();
    p.change((v) => ({ variables: { ...v.variables, cluster: ["west"] } }));
    p.change(() => ({ time: { from: "now-15m", to: "now" } }), "push", true);
    p.runDeferred();
    const [pick, range] = p.written.map((w) => w.url);
    // The address bar showed the range; Next renders the pick and writes its URL back over it.
    p.render(pick!, pick);
    expect(p.written).toHaveLength(3);
    expect(p.written[2]).toEqual({ url: range, mode: "replace" });
    // Its render then settles the queue: nothing more is written.
    p.render(range!, range);
    expect(p.written).toHaveLength(3);
    expect(p.queue.settled).toBe(true);
  });

  it("writes nothing again while the address bar shows the newer write, or while it is still queued", () => {
    const p = page();
    p.change((v) => ({ variables: { ...v.variables, cluster: ["west"] } }));
    p.change(() => ({ time: { from: "now-15m", to: "now" } }), "push", true);
    const pick = p.written[0]!.url;
    // Still queued (deferred): its own write is to come.
    p.render(pick, pick);
    expect(p.written).toHaveLength(1);
    p.runDeferred();
    expect(p.written).toHaveLength(2);
    const q = page();
    q.change((v) => ({ variables: { ...v.variables, cluster: ["west"] } }));
    q.change(() => ({ time: { from: "now-15m", to: "now" } }));
    q.render(q.written[0]!.url, q.written[1]!.url);
    expect(q.written).toHaveLength(2);
  });

  it("builds a change on the newest write not yet rendered, not on the rendered URL", () => {
    const p = page();
    p.change(() => ({ variables: { cluster: ALL, instance: ALL } }), "replace");
    p.render(p.written[0]!.url);
    p.change((v) => ({ variables: { ...v.variables, cluster: ["west"] } }));
    // The render of the pick is still to come when the user picks a range.
    p.change(() => ({ time: { from: "now-15m", to: "now" } }));
    expect(p.last().getAll("var-cluster")).toEqual(["west"]);
    expect(p.last().get("from")).toBe("now-15m");
  });

  it("drops a replace computed from the rendered URL while a write is still to be rendered, and applies it after", () => {
    const p = page();
    p.change((v) => ({ variables: { ...v.variables, cluster: ["west"] } }));
    // The page's write-back of the defaults it resolved for the URL it still shows.
    expect(p.change(() => ({ variables: { cluster: ALL, instance: ALL } }), "replace")).toBe(false);
    expect(p.written).toHaveLength(1);
    p.render(p.written[0]!.url);
    expect(p.change((v) => ({ variables: { ...v.variables, instance: ALL } }), "replace")).toBe(true);
    expect(p.written.map((w) => w.mode)).toEqual(["push", "replace"]);
    expect(p.last().getAll("var-cluster")).toEqual(["west"]);
    expect(p.last().getAll("var-instance")).toEqual(ALL);
  });

  it("writes a change asked for while a deferred one waits after it, so it is not overwritten", () => {
    const p = page();
    p.change(() => ({ time: { from: "now-15m", to: "now" } }), "push", true);
    p.change((v) => ({ variables: { ...v.variables, cluster: ["west"] } }));
    expect(p.written).toHaveLength(0);
    p.runDeferred();
    expect(p.written.map((w) => new URL(w.url, "http://x").searchParams.get("from"))).toEqual(["now-15m", "now-15m"]);
    expect(p.last().getAll("var-cluster")).toEqual(["west"]);
  });

  it("keeps the writes after the one rendered pending; a URL it never wrote (back, forward) supersedes them", () => {
    const p = page();
    p.change((v) => ({ variables: { ...v.variables, cluster: ["west"] } }));
    p.change((v) => ({ variables: { ...v.variables, instance: ["a:9090"] } }));
    p.render(p.written[0]!.url);
    expect(p.queue.settled).toBe(false);
    expect(p.change(() => ({ variables: { cluster: ALL } }), "replace")).toBe(false);
    p.render(p.written[1]!.url);
    expect(p.queue.settled).toBe(true);
    p.change(() => ({ viewPanel: 2 }));
    p.render(`${PATH}?from=now-6h&to=now`);
    expect(p.queue.settled).toBe(true);
    expect(p.queue.latest(`${PATH}?from=now-6h&to=now`)).toBe(`${PATH}?from=now-6h&to=now`);
  });

  it("does not write the URL it would build on again", () => {
    const p = page();
    expect(p.change((v) => ({ variables: { ...v.variables, cluster: ["west"] } }))).toBe(true);
    expect(p.change((v) => ({ variables: { ...v.variables, cluster: ["west"] } }))).toBe(false);
    expect(p.written).toHaveLength(1);
  });
});
