"use client";

import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { ianaTimeZones, searchTimeZones, timeZoneLabel, zoneOffsetText } from "@/lib/time/zone-list";
import type { TimeZoneSetting } from "@/lib/time/zone";
import { Button } from "@/components/ui/button";
import { TextInput } from "@/components/ui/field";

export interface TimeZonePickerProps {
  value: TimeZoneSetting;
  onChange: (timezone: TimeZoneSetting) => void;
}

// Rendering all ~400 zones at once is slow to scroll and to read; the search narrows them down.
const MAX_SHOWN = 100;

/**
 * Grafana's time zone picker: the browser's zone, UTC, or any IANA zone, found by searching
 * ("new york", "berlin"). A combobox over a listbox; arrow keys move, Enter picks, Escape closes.
 */
export function TimeZonePicker({ value, onChange }: TimeZonePickerProps) {
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const rootRef = useRef<HTMLDivElement>(null);
  const id = useId();
  const zones = useMemo(() => (open ? ianaTimeZones() : []), [open]);
  const choices = useMemo(() => searchTimeZones(query, zones), [query, zones]);
  const shown = choices.slice(0, MAX_SHOWN);
  const [nowMs, setNowMs] = useState(0);

  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", close);
    return () => document.removeEventListener("mousedown", close);
  }, [open]);

  const pick = (zone: TimeZoneSetting) => {
    setOpen(false);
    if (zone !== value) onChange(zone);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((a) => (shown.length === 0 ? 0 : (a + step + shown.length) % shown.length));
    } else if (event.key === "Enter") {
      event.preventDefault();
      const choice = shown[active];
      if (choice) pick(choice.value);
    } else if (event.key === "Escape") {
      setOpen(false);
    }
  };

  const label = timeZoneLabel(value);
  return (
    <div ref={rootRef} className="relative flex flex-col gap-1">
      <span id={`${id}-label`} className="text-xs font-medium text-slate-600 dark:text-slate-400">
        Time zone
      </span>
      <Button
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-label={`Time zone: ${label}`}
        onClick={() => {
          setQuery("");
          setActive(0);
          setNowMs(Date.now());
          setOpen((o) => !o);
        }}
        className="max-w-56 justify-start truncate"
      >
        {label}
      </Button>
      {open && (
        <div role="dialog" aria-label="Choose a time zone" className="absolute right-0 top-full z-30 mt-1 w-80 rounded-md border border-slate-300 bg-white p-2 shadow-lg dark:border-slate-700 dark:bg-slate-900">
          <TextInput
            role="combobox"
            aria-label="Search time zones"
            aria-expanded="true"
            aria-controls={`${id}-list`}
            aria-activedescendant={shown[active] ? `${id}-option-${active}` : undefined}
            autoFocus
            value={query}
            placeholder="Search, e.g. new york"
            spellCheck={false}
            className="w-full"
            onChange={(event) => {
              setQuery(event.target.value);
              setActive(0);
            }}
            onKeyDown={onKeyDown}
          />
          <ul id={`${id}-list`} role="listbox" aria-label="Time zones" className="mt-2 max-h-72 overflow-auto text-sm">
            {shown.map((choice, i) => (
              <li
                key={choice.value}
                id={`${id}-option-${i}`}
                role="option"
                aria-selected={choice.value === value}
                onMouseEnter={() => setActive(i)}
                onClick={() => pick(choice.value)}
                className={`flex cursor-pointer justify-between gap-2 rounded px-2 py-1 ${i === active ? "bg-blue-50 dark:bg-slate-800" : ""} ${choice.value === value ? "font-semibold" : ""}`}
              >
                <span className="truncate">{choice.label}</span>
                <span className="shrink-0 text-xs text-slate-500 dark:text-slate-400">{zoneOffsetText(choice.value, nowMs)}</span>
              </li>
            ))}
            {shown.length === 0 && <li className="px-2 py-1 text-slate-500">No time zone matches “{query}”</li>}
            {choices.length > MAX_SHOWN && <li className="px-2 py-1 text-xs text-slate-500">{choices.length - MAX_SHOWN} more: refine the search</li>}
          </ul>
        </div>
      )}
    </div>
  );
}
