"use client";

import { useMemo, useState } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useQuery } from "@tanstack/react-query";
import type { ECElementEvent } from "echarts/core";
import { useDatasources } from "@/lib/promql/hooks";
import { fetchTopology, topologyKeys } from "@/lib/topology/api";
import { summarize } from "@/lib/topology/summary";
import { collapseJobs, CROWDED_NODES, filterTopology } from "@/lib/topology/view";
import { EChart } from "@/components/charts/echart";
import { Callout } from "@/components/ui/callout";
import { Field, Select, TextInput } from "@/components/ui/field";
import { Spinner } from "@/components/ui/spinner";
import { EdgeDetails, NodeDetails } from "./node-details";
import { HEALTH_COLORS, toGraphOption } from "./to-graph-option";

/** How often the page re-discovers the topology. */
export const REFRESH_MS = 10_000;

/**
 * The topology page: datasource picker, filter, collapse toggle, summary line, layered graph and a
 * details panel. State in the URL: ?ds=&node=|edge=&q=&jobs=collapsed|expanded.
 */
export function TopologyView() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const ds = params.get("ds");
  const selected = params.get("node");
  const selectedEdge = params.get("edge");
  const [filter, setFilter] = useState(params.get("q") ?? "");
  const datasources = useDatasources();
  const topology = useQuery({
    queryKey: topologyKeys.graph(ds),
    queryFn: ({ signal }) => fetchTopology(ds, signal),
    refetchInterval: REFRESH_MS,
    retry: false,
  });

  const setParams = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params.toString());
    for (const [key, value] of Object.entries(changes)) {
      if (value === null || value === "") next.delete(key);
      else next.set(key, value);
    }
    if ("ds" in changes) {
      next.delete("node");
      next.delete("edge");
    }
    router.replace(`${pathname}?${next}`, { scroll: false });
  };

  const data = topology.data;
  // Jobs collapse by default once the graph is crowded; the URL can force either way.
  // Held locally too, so the box flips at once rather than after the router's URL update.
  const [jobsParam, setJobsParam] = useState(params.get("jobs"));
  const collapsed = jobsParam ? jobsParam === "collapsed" : (data?.nodes.length ?? 0) > CROWDED_NODES;
  const shown = useMemo(() => {
    if (!data) return null;
    return filterTopology(collapsed ? collapseJobs(data) : data, filter);
  }, [data, collapsed, filter]);
  const option = useMemo(() => (shown ? toGraphOption(shown, selected, { matched: shown.matched }) : null), [shown, selected]);
  const node = shown?.nodes.find((n) => n.id === selected) ?? data?.nodes.find((n) => n.id === selected);
  const edge = selectedEdge ? (shown?.edges.find((e) => e.id === selectedEdge) ?? data?.edges.find((e) => e.id === selectedEdge)) : undefined;
  const onClick = (event: ECElementEvent) => {
    if (!shown) return;
    if (event.dataType === "node") {
      const id = (event.data as { id?: unknown } | undefined)?.id;
      if (typeof id === "string") setParams({ node: id, edge: null });
    } else if (event.dataType === "edge") {
      const e = shown.edges[event.dataIndex];
      if (e) setParams({ edge: e.id, node: null });
    }
  };

  return (
    <div className="flex h-full flex-col gap-3 p-4">
      <div className="flex flex-wrap items-end gap-4">
        <h1 className="text-lg font-semibold">Topology</h1>
        <Field label="Datasource">
          {({ id }) => (
            <Select id={id} value={ds ?? data?.datasourceId ?? ""} onChange={(e) => setParams({ ds: e.target.value })} className="min-w-48">
              {datasources.data?.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                  {d.type === "thanos" ? " (Thanos)" : ""}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label="Filter" hint="name, or label such as cluster=east">
          {({ id, describedBy }) => (
            <TextInput
              id={id}
              aria-describedby={describedBy}
              type="search"
              value={filter}
              placeholder="cluster=east"
              onChange={(e) => {
                setFilter(e.target.value);
                setParams({ q: e.target.value });
              }}
              className="min-w-56"
            />
          )}
        </Field>
        <label className="flex items-center gap-2 pb-2 text-sm">
          <input type="checkbox" checked={collapsed} onChange={(e) => {
              const jobs = e.target.checked ? "collapsed" : "expanded";
              setJobsParam(jobs);
              setParams({ jobs });
            }}
          />
          Collapse scrape jobs
        </label>
        {data ? <p data-testid="topology-summary" className="pb-2 text-sm text-gray-700">{summarize(data)}</p> : null}
        {topology.isFetching ? <Spinner label="Refreshing…" /> : null}
      </div>
      {topology.error ? <Callout tone="error" title="Cannot load the topology">{topology.error.message}</Callout> : null}
      {data?.errors.length ? (
        <Callout tone="warning" title="Parts of the topology could not be read">
          <ul>{data.errors.map((e, i) => <li key={i}>{e.source}: {e.message}</li>)}</ul>
        </Callout>
      ) : null}
      {!data && topology.isPending ? <Spinner label="Discovering the topology…" /> : null}
      {shown && filter && shown.matched.size === 0 ? <p className="text-sm text-gray-600">Nothing matches “{filter}”.</p> : null}
      {option && data && shown ? (
        <div className="flex min-h-[480px] flex-1 rounded border border-gray-200">
          <EChart option={option} ariaLabel={`Topology graph of ${shown.nodes.length} nodes`} className="min-h-[480px] flex-1" events={{ click: onClick }} />
          {node ? (
            <NodeDetails node={node} topology={data} onClose={() => setParams({ node: null })} />
          ) : edge ? (
            <EdgeDetails edge={edge} topology={data} onClose={() => setParams({ edge: null })} />
          ) : null}
        </div>
      ) : null}
      {shown ? (
        // A text list of the nodes, so they can be selected without the canvas (keyboard, screen readers, tests).
        <nav aria-label="Topology nodes" className="flex flex-wrap gap-2 text-xs">
          {shown.nodes.map((n) => (
            <button
              key={n.id}
              type="button"
              data-health={n.health}
              onClick={() => setParams({ node: n.id, edge: null })}
              aria-pressed={n.id === selected}
              className="flex items-center gap-1 rounded border border-gray-300 px-2 py-0.5 hover:bg-gray-100"
            >
              <span aria-hidden className="inline-block h-2 w-2 rounded-full" style={{ background: HEALTH_COLORS[n.health] }} />
              {n.name} ({n.health})
            </button>
          ))}
        </nav>
      ) : null}
    </div>
  );
}
