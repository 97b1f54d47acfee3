"use client";

import Link from "next/link";
import type { Topology, TopologyEdge, TopologyNode } from "@/lib/topology/schema";
import { exploreExprFor, formatSeconds } from "@/lib/topology/summary";
import { formatRate, HEALTH_COLORS } from "./to-graph-option";

export interface NodeDetailsProps {
  node: TopologyNode;
  topology: Topology;
  onClose: () => void;
}

const fmtLabels = (labels: Record<string, string>) => Object.entries(labels).map(([k, v]) => `${k}="${v}"`).join(", ");

export function NodeDetails({ node, topology, onClose }: NodeDetailsProps) {
  const edges = topology.edges.filter((e) => e.source === node.id || e.target === node.id);
  const { expr, ds } = exploreLink(topology, node);
  const rows: [string, string | undefined][] = [
    ["Kind", node.kind],
    ["Address", node.address],
    ["Datasource", node.datasourceId],
    ["Version", node.version],
    ["External labels", node.externalLabels ? fmtLabels(node.externalLabels) || "none" : undefined],
    ["Label sets", node.labelSets ? node.labelSets.map(fmtLabels).join(" | ") || "none (empty)" : undefined],
    ["Targets", node.targetsUp !== undefined ? `${node.targetsUp} up, ${node.targetsDown ?? 0} down` : undefined],
    ["Head series", node.headSeries?.toLocaleString("en-US")],
    ["Samples/s", node.samplesPerSecond?.toFixed(1)],
    ["Time range", node.timeRange ? `${node.timeRange.minTime} – ${node.timeRange.maxTime}` : undefined],
    ["Last check", node.lastCheck],
  ];
  return (
    <aside aria-label={`Details of ${node.name}`} className="w-80 shrink-0 space-y-3 border-l border-gray-200 p-4 text-sm">
      <div className="flex items-start justify-between gap-2">
        <h2 className="font-semibold break-all">{node.name}</h2>
        <button type="button" onClick={onClose} className="text-gray-500 hover:text-gray-900" aria-label="Close details">×</button>
      </div>
      <p>
        <span className="mr-2 inline-block h-3 w-3 rounded-full" style={{ background: HEALTH_COLORS[node.health] }} />
        Health: <strong>{node.health}</strong>
      </p>
      {node.healthReason ? <p role="alert" className="text-red-700 break-words">{node.healthReason}</p> : null}
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
        {rows.filter(([, v]) => v !== undefined).map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-gray-500">{k}</dt>
            <dd className="break-all">{v}</dd>
          </div>
        ))}
      </dl>
      {edges.length ? (
        <ul className="space-y-1">
          {edges.map((e) => (
            <li key={e.id} className="break-all">
              {e.kind} {e.source === node.id ? "→" : "←"} {nameOf(topology, e.source === node.id ? e.target : e.source)}
              {edgeFacts(e).map((f) => `, ${f}`).join("")}
              {e.match?.length ? `, match[] ${e.match.join(" ")}` : ""}
              {e.error ? <span className="block text-red-700">{e.error}</span> : null}
              {!e.error && e.warning ? <span className="block text-amber-700">{e.warning}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {expr ? (
        <Link className="text-blue-700 underline" href={`/explore?${new URLSearchParams({ expr, ds, tab: "graph" })}`}>
          Open {expr} in Explore
        </Link>
      ) : null}
    </aside>
  );
}

// A federation child's `up` lives on its parent (the server running the /federate job); other
// nodes are explored on their own datasource when configured, else where they were discovered.
function exploreLink(topology: Topology, node: TopologyNode): { expr: string | undefined; ds: string } {
  const own = node.datasourceId ?? topology.datasourceId;
  const asChild = topology.edges.find((e) => e.kind === "federates" && e.source === node.id && e.job);
  if (asChild?.job) {
    const parent = topology.nodes.find((n) => n.id === asChild.target);
    return { expr: `up{job=${JSON.stringify(asChild.job)},instance=${JSON.stringify(node.address ?? "")}}`, ds: parent?.datasourceId ?? own };
  }
  const asParent = topology.edges.find((e) => e.kind === "federates" && e.target === node.id && e.job);
  return { expr: exploreExprFor(node, asParent?.job), ds: own };
}

const nameOf = (topology: Topology, id: string) => topology.nodes.find((n) => n.id === id)?.name ?? id;

/** Short facts of an edge: rates, lags, scrape age and duration. */
export function edgeFacts(e: TopologyEdge): string[] {
  const facts: string[] = [];
  if (e.samplesPerSecond !== undefined) facts.push(`${formatRate(e.samplesPerSecond)} samples/s`);
  if (e.operationsPerSecond !== undefined) facts.push(`${formatRate(e.operationsPerSecond)} ops/s`);
  if (e.federationLagSeconds !== undefined) facts.push(`lag ${formatSeconds(e.federationLagSeconds)}`);
  if (e.remoteWriteLagSeconds !== undefined) facts.push(`lag ${formatSeconds(e.remoteWriteLagSeconds)}`);
  if (e.pendingSamples !== undefined) facts.push(`${formatRate(e.pendingSamples)} pending`);
  if (e.failedSamplesPerSecond !== undefined && e.failedSamplesPerSecond > 0) facts.push(`${formatRate(e.failedSamplesPerSecond)} failed/s`);
  if (e.lastScrapeAgeSeconds !== undefined) facts.push(`scraped ${formatSeconds(e.lastScrapeAgeSeconds)} ago`);
  if (e.scrapeDurationSeconds !== undefined) facts.push(`took ${formatSeconds(e.scrapeDurationSeconds)}`);
  return facts;
}

export interface EdgeDetailsProps {
  edge: TopologyEdge;
  topology: Topology;
  onClose: () => void;
}

/** The side panel of a clicked edge: its kind, ends, facts, match[] and error. */
export function EdgeDetails({ edge, topology, onClose }: EdgeDetailsProps) {
  const title = `${nameOf(topology, edge.source)} → ${nameOf(topology, edge.target)}`;
  return (
    <aside aria-label={`Details of ${title}`} className="w-80 shrink-0 space-y-3 border-l border-gray-200 p-4 text-sm">
      <div className="flex items-start justify-between gap-2">
        <h2 className="font-semibold break-all">{title}</h2>
        <button type="button" onClick={onClose} className="text-gray-500 hover:text-gray-900" aria-label="Close details">×</button>
      </div>
      <p>Kind: <strong>{edge.kind}</strong>{edge.job ? ` (job ${edge.job})` : ""}</p>
      <ul className="space-y-1">{edgeFacts(edge).map((f) => <li key={f}>{f}</li>)}</ul>
      {edge.match?.length ? <p className="break-all">match[]: {edge.match.join(" ")}</p> : null}
      {edge.error ? <p role="alert" className="text-red-700 break-words">{edge.error}</p> : null}
      {edge.warning ? <p className="text-amber-700 break-words">{edge.warning}</p> : null}
    </aside>
  );
}
