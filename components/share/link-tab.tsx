"use client";

import { useEffect, useId, useMemo, useRef, useState } from "react";
import { buildPanelSharePath, type ShareContext } from "@/lib/share/share-url";
import { createShortLink } from "@/lib/share/short-links-client";
import { Button } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";

type Short = { path: string; url: string } | { path: string; error: string } | null;

// Writes with the clipboard API where the page may (secure contexts), else selects the text and uses the old copy command.
async function copyText(text: string, input: HTMLInputElement | null): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Permission refused: fall back below.
  }
  if (!input) return false;
  input.focus();
  input.select();
  try {
    // execCommand is deprecated, but it is the only copy route outside secure contexts.
    return document.execCommand("copy");
  } catch {
    return false;
  }
}

/** The "Link" tab: a link to this panel alone with the current variables; lock time; shorten; copy. */
export function LinkTab(ctx: ShareContext) {
  const [lockTime, setLockTime] = useState(false);
  const [shorten, setShorten] = useState(false);
  const [short, setShort] = useState<Short>(null);
  const [copiedState, setCopied] = useState<{ link: string; ok: boolean } | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const lockId = useId();
  const shortId = useId();
  const path = useMemo(() => buildPanelSharePath(ctx, { lockTime }), [ctx, lockTime]);
  const origin = typeof window === "undefined" ? "" : window.location.origin;

  useEffect(() => {
    if (!shorten) return;
    const abort = new AbortController();
    createShortLink(path, abort.signal).then(
      (url) => setShort({ path, url: `${origin}${url}` }),
      (err: unknown) => !abort.signal.aborted && setShort({ path, error: err instanceof Error ? err.message : String(err) }),
    );
    return () => abort.abort();
  }, [shorten, path, origin]);

  const current = shorten && short?.path === path ? short : null;
  const pending = shorten && current === null;
  const link = current && "url" in current ? current.url : shorten ? "" : `${origin}${path}`;
  const copied = copiedState?.link === link ? (copiedState.ok ? "yes" : "no") : null;

  return (
    <div className="space-y-3 text-sm">
      <p className="text-slate-600 dark:text-slate-400">A link to this panel alone, with the current variables and time range. People who open it sign in and need access to the dashboard.</p>
      <div className="flex flex-wrap gap-4">
        <label htmlFor={lockId} className="flex items-center gap-2">
          <input id={lockId} type="checkbox" checked={lockTime} onChange={(e) => setLockTime(e.target.checked)} />
          Lock time range
        </label>
        <label htmlFor={shortId} className="flex items-center gap-2">
          <input id={shortId} type="checkbox" checked={shorten} onChange={(e) => setShorten(e.target.checked)} />
          Shorten link
        </label>
      </div>
      <p className="text-xs text-slate-500">
        {lockTime ? "The link shows the absolute range you are looking at now." : `The link shows the range as written (${ctx.time.raw.from} to ${ctx.time.raw.to}), moving with the clock.`}
      </p>
      <div className="flex gap-2">
        <input
          ref={inputRef}
          aria-label="Link"
          readOnly
          value={link}
          placeholder={pending ? "Shortening…" : ""}
          onFocus={(e) => e.currentTarget.select()}
          className="h-9 min-w-0 flex-1 rounded-md border border-slate-300 bg-slate-50 px-2 font-mono text-xs dark:border-slate-700 dark:bg-slate-950"
        />
        <Button variant="primary" disabled={!link} onClick={() => void copyText(link, inputRef.current).then((ok) => setCopied({ link, ok }))}>
          Copy
        </Button>
      </div>
      {copied === "yes" && <p role="status" className="text-xs text-green-700 dark:text-green-400">Copied to the clipboard.</p>}
      {copied === "no" && <p role="status" className="text-xs text-amber-700">The browser refused to copy: the link is selected, copy it with Ctrl+C.</p>}
      {current && "error" in current && <Callout tone="error">{current.error}</Callout>}
    </div>
  );
}
