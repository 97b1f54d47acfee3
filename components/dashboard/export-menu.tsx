"use client";

import { useEffect, useRef, useState } from "react";
import { exportUrl } from "@/lib/dashboards/api";

export interface ExportMenuProps {
  /** The saved dashboard to export (the stored version, not unsaved edits). */
  uid: string;
}

const ITEM = "block w-full px-3 py-1 text-left hover:bg-slate-100 dark:hover:bg-slate-800";

/** "Export ▾": downloads the saved dashboard as Grafana JSON or as Orrery JSON (GET /api/dashboards/<uid>/export). */
export function ExportMenu({ uid }: ExportMenuProps) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", close);
    return () => document.removeEventListener("mousedown", close);
  }, [open]);
  return (
    <div ref={ref} className="relative">
      <button
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => e.key === "Escape" && setOpen(false)}
        className="rounded border border-slate-300 px-3 py-1 text-sm hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
      >
        Export ▾
      </button>
      {open && (
        <ul role="menu" aria-label="Export" className="absolute right-0 z-20 mt-1 w-44 rounded border border-slate-200 bg-white py-1 text-sm shadow dark:border-slate-700 dark:bg-slate-900">
          {(
            [
              ["grafana", "Grafana JSON"],
              ["orrery", "Orrery JSON"],
            ] as const
          ).map(([format, label]) => (
            <li key={format} role="none">
              {/* The route answers with Content-Disposition: attachment, so the browser downloads it. */}
              <a role="menuitem" href={exportUrl(uid, format)} download className={ITEM} onClick={() => setOpen(false)}>
                {label}
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
