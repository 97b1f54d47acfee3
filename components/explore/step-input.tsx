"use client";

import { useState } from "react";
import { formatDuration, parseDurationOrSeconds } from "@/lib/promql/duration";
import { Field, TextInput } from "@/components/ui/field";

export interface StepInputProps {
  /** The step the user set, or null for automatic. */
  value: number | null;
  /** The step the last run used (after clamping to the point limit), for the hint. */
  effectiveStepS: number | null;
  onChange: (stepS: number | null) => void;
}

/** A step such as "30s" or "1m"; empty means "from the chart width". Applied on Enter or blur. */
export function StepInput({ value, effectiveStepS, onChange }: StepInputProps) {
  const [draft, setDraft] = useState(value === null ? "" : formatDuration(value));
  const [error, setError] = useState<string | null>(null);

  function commit() {
    const text = draft.trim();
    if (text === "") {
      setError(null);
      if (value !== null) onChange(null);
      return;
    }
    const seconds = parseDurationOrSeconds(text);
    if (seconds === null || seconds <= 0) {
      setError('Use a duration such as "30s" or "1m"');
      return;
    }
    setError(null);
    if (seconds !== value) onChange(seconds);
  }

  const hint = effectiveStepS === null ? undefined : `${value === null ? "auto: " : "used: "}${formatDuration(effectiveStepS)}`;
  return (
    <Field label="Step" hint={hint} error={error} className="w-28">
      {({ id, describedBy, invalid }) => (
        <TextInput
          id={id}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          value={draft}
          placeholder="auto"
          spellCheck={false}
          onChange={(event) => setDraft(event.target.value)}
          onBlur={commit}
          onKeyDown={(event) => {
            if (event.key === "Enter") commit();
          }}
        />
      )}
    </Field>
  );
}
