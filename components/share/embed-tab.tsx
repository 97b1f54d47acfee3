"use client";

import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { listEmbedTokens, mintEmbedToken, mintRequestBody, revokeEmbedToken, spanText, type MintResponse } from "@/lib/embed/api";
import { Button } from "@/components/ui/button";

/** The share dialog's context (the lead wires the dialog): the dashboard, the panel, and the view being looked at. */
export interface EmbedTabProps {
  uid: string;
  slug: string;
  version: number;
  panelId: number;
  panelTitle: string;
  range: { from: string; to: string; startMs: number; endMs: number };
  variables: Record<string, string[]>;
  timezone: string;
  theme: "light" | "dark" | null;
}

const EXPIRY = [
  ["1d", "1 day"],
  ["7d", "7 days"],
  ["30d", "30 days"],
  ["365d", "1 year"],
] as const;

const tokensKey = (uid: string) => ["embed-tokens", uid] as const;

/**
 * "Embed" tab: mint an embed token for this panel (variables pinned to their current values, a
 * fixed or bounded-relative time policy, an expiry) and show the `<iframe>` snippet; list this
 * dashboard's tokens with revoke. The token is shown once, inside the snippet.
 */
export function EmbedTab(props: EmbedTabProps) {
  const client = useQueryClient();
  const [pinned, setPinned] = useState<Record<string, boolean>>(() => Object.fromEntries(Object.keys(props.variables).map((n) => [n, true])));
  const [mode, setMode] = useState<"relative" | "fixed">("relative");
  const [maxSpan, setMaxSpan] = useState(() => spanText(props.range.endMs - props.range.startMs));
  const [ttl, setTtl] = useState<string>("30d");
  const [minted, setMinted] = useState<MintResponse | null>(null);
  const [copied, setCopied] = useState(false);
  const tokens = useQuery({ queryKey: tokensKey(props.uid), queryFn: ({ signal }) => listEmbedTokens(props.uid, signal), retry: false });
  const mint = useMutation({
    mutationFn: () =>
      mintEmbedToken(
        mintRequestBody(
          {
            panelId: props.panelId,
            pinned: Object.fromEntries(Object.entries(props.variables).filter(([n]) => pinned[n])),
            time: mode === "fixed" ? { mode, fromMs: Math.round(props.range.startMs), toMs: Math.round(props.range.endMs) } : { mode, maxSpan },
            ttl,
            ...(props.theme ? { theme: props.theme } : {}),
          },
          props.uid,
        ),
      ),
    onSuccess: (res) => {
      setMinted(res);
      setCopied(false);
      void client.invalidateQueries({ queryKey: tokensKey(props.uid) });
    },
  });
  const revoke = useMutation({ mutationFn: revokeEmbedToken, onSuccess: () => client.invalidateQueries({ queryKey: tokensKey(props.uid) }) });
  const copy = async () => {
    if (!minted) return;
    await navigator.clipboard.writeText(minted.iframe);
    setCopied(true);
  };

  return (
    <div className="space-y-4 text-sm" aria-label="Embed">
      <p>
        Embed panel <strong>{props.panelTitle || `#${props.panelId}`}</strong> (dashboard version {props.version}) in another site. The
        embed runs only this panel&apos;s saved queries.
      </p>
      {Object.keys(props.variables).length > 0 && (
        <fieldset className="space-y-1">
          <legend className="font-medium">Variables the embed may use (pinned to the current values)</legend>
          {Object.entries(props.variables).map(([name, values]) => (
            <label key={name} className="flex items-center gap-2">
              <input type="checkbox" checked={pinned[name] ?? false} onChange={(e) => setPinned((p) => ({ ...p, [name]: e.target.checked }))} />
              <span>
                {name} = {values.join(", ")}
              </span>
            </label>
          ))}
        </fieldset>
      )}
      <fieldset className="space-y-1">
        <legend className="font-medium">Time range</legend>
        <label className="flex items-center gap-2">
          <input type="radio" name="embed-time" checked={mode === "relative"} onChange={() => setMode("relative")} />
          Relative, at most
          <input aria-label="Longest span" className="w-20 rounded border border-slate-300 px-1 dark:border-slate-700 dark:bg-slate-900" value={maxSpan} onChange={(e) => setMaxSpan(e.target.value)} />
        </label>
        <label className="flex items-center gap-2">
          <input type="radio" name="embed-time" checked={mode === "fixed"} onChange={() => setMode("fixed")} />
          Fixed: {new Date(props.range.startMs).toISOString()} to {new Date(props.range.endMs).toISOString()}
        </label>
      </fieldset>
      <label className="flex items-center gap-2">
        Expires after
        <select aria-label="Expires after" value={ttl} onChange={(e) => setTtl(e.target.value)} className="rounded border border-slate-300 px-1 dark:border-slate-700 dark:bg-slate-900">
          {EXPIRY.map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
      </label>
      <Button variant="primary" onClick={() => mint.mutate()} disabled={mint.isPending}>
        Create embed
      </Button>
      {mint.error && <p role="alert" className="text-red-700">{mint.error.message}</p>}
      {minted && (
        <div className="space-y-1">
          <textarea aria-label="Embed snippet" readOnly value={minted.iframe} rows={4} className="w-full rounded border border-slate-300 p-1 font-mono text-xs dark:border-slate-700 dark:bg-slate-900" />
          <Button size="sm" onClick={() => void copy()}>
            {copied ? "Copied" : "Copy"}
          </Button>
        </div>
      )}
      <section aria-label="Embed tokens of this dashboard">
        <h3 className="font-medium">Embed tokens of this dashboard</h3>
        {tokens.error && <p role="alert" className="text-red-700">{tokens.error.message}</p>}
        <ul className="divide-y divide-slate-200 dark:divide-slate-800">
          {(tokens.data ?? []).map((t) => (
            <li key={t.id} className="flex items-center gap-2 py-1">
              <span className="flex-1">
                panels {t.panels.join(", ")} · by {t.createdBy} · expires {t.expiresAt.slice(0, 10)}
                {t.revokedAt ? " · revoked" : ""}
              </span>
              {!t.revokedAt && (
                <Button size="sm" onClick={() => revoke.mutate(t.id)} aria-label={`Revoke token ${t.id}`}>
                  Revoke
                </Button>
              )}
            </li>
          ))}
        </ul>
        {tokens.data?.length === 0 && <p className="text-slate-500">None yet.</p>}
      </section>
    </div>
  );
}
