"use client";

import { useRef, useState } from "react";
import { fromDateTimeLocalValue, toDateTimeLocalValue } from "@/lib/time/format";
import { isRelativeTime, parseTime } from "@/lib/time/parse";
import { QUICK_RANGES, resolveTimeRange, type RawTimeRange } from "@/lib/time/range";
import { Button } from "@/components/ui/button";
import { Field, Select, TextInput } from "@/components/ui/field";

export interface TimeRangePickerProps {
  value: RawTimeRange;
  onChange: (range: RawTimeRange) => void;
}

const CUSTOM = "custom";
const TIME_HINT = "now-6h, now/d, ISO 8601 or epoch ms";

// The calendar can only show an absolute time; a relative one ("now-1h") leaves it empty.
function calendarValue(text: string): string {
  if (isRelativeTime(text)) return "";
  const ms = parseTime(text, 0);
  return ms === null ? "" : toDateTimeLocalValue(ms);
}

interface TimeFieldProps {
  label: string;
  value: string;
  error: string | null;
  onChange: (text: string) => void;
  onSubmit: () => void;
}

function CalendarIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" className="size-4" fill="none" stroke="currentColor" strokeWidth="1.5">
      <rect x="2" y="3" width="12" height="11" rx="1.5" />
      <path d="M2 6.5h12M5 1.5v3M11 1.5v3" />
    </svg>
  );
}

function TimeField({ label, value, error, onChange, onSubmit }: TimeFieldProps) {
  const calendarRef = useRef<HTMLInputElement>(null);
  return (
    <Field label={label} error={error} className="w-64">
      {({ id, describedBy, invalid }) => (
        <div className="flex gap-1">
          <TextInput
            id={id}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            title={TIME_HINT}
            value={value}
            spellCheck={false}
            className="min-w-0 flex-1 font-mono"
            onChange={(event) => onChange(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === "Enter") onSubmit();
            }}
          />
          <span className="relative">
            <Button
              variant="secondary"
              aria-label={`Pick ${label} on a calendar`}
              title="Pick on a calendar"
              onClick={() => calendarRef.current?.showPicker()}
              className="w-9 px-0"
            >
              <CalendarIcon />
            </Button>
            {/* The native picker, opened by the button above; typing goes to the text field instead. */}
            <input
              ref={calendarRef}
              type="datetime-local"
              step={1}
              tabIndex={-1}
              aria-hidden="true"
              value={calendarValue(value)}
              className="pointer-events-none absolute inset-0 opacity-0"
              onChange={(event) => {
                const ms = fromDateTimeLocalValue(event.target.value);
                if (ms !== null) onChange(new Date(ms).toISOString());
              }}
            />
          </span>
        </div>
      )}
    </Field>
  );
}

/**
 * Quick ranges ("Last 1 hour") and a From/To pair in Grafana syntax, applied together.
 * Mount it with a key of the current range so the drafts follow changes made elsewhere (zoom).
 */
export function TimeRangePicker({ value, onChange }: TimeRangePickerProps) {
  const [from, setFrom] = useState(value.from);
  const [to, setTo] = useState(value.to);
  const [error, setError] = useState<{ field: "from" | "to"; message: string } | null>(null);
  const quick = QUICK_RANGES.find((q) => q.from === value.from && q.to === value.to);

  function apply() {
    const draft = { from: from.trim(), to: to.trim() };
    const resolved = resolveTimeRange(draft, Date.now());
    if (!resolved.ok) {
      setError({ field: resolved.error.includes('"from" time') ? "from" : "to", message: resolved.error });
      return;
    }
    setError(null);
    onChange(draft);
  }

  return (
    <div className="flex flex-wrap items-start gap-2">
      <Field label="Time range">
        {({ id }) => (
          <Select
            id={id}
            value={quick ? quick.from : CUSTOM}
            onChange={(event) => {
              const picked = QUICK_RANGES.find((q) => q.from === event.target.value);
              if (picked) onChange({ from: picked.from, to: picked.to });
            }}
          >
            {quick ? null : <option value={CUSTOM}>Custom</option>}
            {QUICK_RANGES.map((q) => (
              <option key={q.from} value={q.from}>
                {q.label}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <TimeField label="From" value={from} error={error?.field === "from" ? error.message : null} onChange={setFrom} onSubmit={apply} />
      <TimeField label="To" value={to} error={error?.field === "to" ? error.message : null} onChange={setTo} onSubmit={apply} />
      <Button className="mt-5" onClick={apply} disabled={from.trim() === value.from && to.trim() === value.to}>
        Apply time range
      </Button>
    </div>
  );
}
