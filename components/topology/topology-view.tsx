"use client";

import { useMemo } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useQuery } from "@tanstack/react-query";
import type { ECElementEvent } from "echarts/core";
import { useDatasources } from "@/lib/promql/hooks";
import { fetchTopology, topologyKeys } from "@/lib/topology/api";
import { summarize } from "@/lib/topology/summary";
import { EChart } from "@/components/charts/echart";
import { Callout } from "@/components/ui/callout";
import { Field, Select } from "@/components/ui/field";
import { Spinner } from "@/components/ui/spinner";
import { NodeDetails } from "./node-details";
import { toGraphOption } from "./to-graph-option";

const REFRESH_MS = 10_000;

/** The topology page: datasource picker, summary line, layered graph and a details panel (state in ?ds=&node=). */
export function TopologyView() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const ds = params.get("ds");
  const selected = params.get("node");
  const datasources = useDatasources();
  const topology = useQuery({
    queryKey: topologyKeys.graph(ds),
    queryFn: ({ signal }) => fetchTopology(ds, signal),
    refetchInterval: REFRESH_MS,
    retry: false,
  });

  const setParam = (key: string, value: string | null) => {
    const next = new URLSearchParams(params.toString());
    if (value === null) next.delete(key);
    else next.set(key, value);
    if (key === "ds") next.delete("node");
    router.replace(`${pathname}?${next}`, { scroll: false });
  };

  const data = topology.data;
  const option = useMemo(() => (data ? toGraphOption(data, selected) : null), [data, selected]);
  const node = data?.nodes.find((n) => n.id === selected);
  const onClick = (event: ECElementEvent) => {
    const id = (event.data as { id?: unknown } | undefined)?.id;
    if (event.dataType === "node" && typeof id === "string") setParam("node", id);
  };

  return (
    <div className="flex h-full flex-col gap-3 p-4">
      <div className="flex flex-wrap items-end gap-4">
        <h1 className="text-lg font-semibold">Topology</h1>
        <Field label="Datasource">
          {({ id }) => (
            <Select id={id} value={ds ?? data?.datasourceId ?? ""} onChange={(e) => setParam("ds", e.target.value)} className="min-w-48">
              {datasources.data?.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                  {d.type === "thanos" ? " (Thanos)" : ""}
                </option>
              ))}
            </Select>
          )}
        </Field>
        {data ? <p data-testid="topology-summary" className="text-sm text-gray-700">{summarize(data)}</p> : null}
        {topology.isFetching ? <Spinner label="Refreshing…" /> : null}
      </div>
      {topology.error ? <Callout tone="error" title="Cannot load the topology">{topology.error.message}</Callout> : null}
      {data?.errors.length ? (
        <Callout tone="warning" title="Parts of the topology could not be read">
          <ul>{data.errors.map((e, i) => <li key={i}>{e.source}: {e.message}</li>)}</ul>
        </Callout>
      ) : null}
      {!data && topology.isPending ? <Spinner label="Discovering the topology…" /> : null}
      {option && data ? (
        <div className="flex min-h-[480px] flex-1 rounded border border-gray-200">
          <EChart option={option} ariaLabel={`Topology graph of ${data.nodes.length} nodes`} className="min-h-[480px] flex-1" events={{ click: onClick }} />
          {node ? <NodeDetails node={node} topology={data} onClose={() => setParam("node", null)} /> : null}
        </div>
      ) : null}
      {data ? (
        // A text list of the nodes, so they can be selected without the canvas (keyboard, screen readers, tests).
        <nav aria-label="Topology nodes" className="flex flex-wrap gap-2 text-xs">
          {data.nodes.map((n) => (
            <button key={n.id} type="button" onClick={() => setParam("node", n.id)} aria-pressed={n.id === selected} className="rounded border border-gray-300 px-2 py-0.5 hover:bg-gray-100">
              {n.name} ({n.health})
            </button>
          ))}
        </nav>
      ) : null}
    </div>
  );
}
