"use client";

import { useState, type FormEvent } from "react";
import {
  crossFieldError,
  parseWhatIfField,
  WHAT_IF_FIELDS,
  WHAT_IF_KEYS,
  type WhatIfKey,
  type WhatIfSettings,
} from "@/lib/knative/whatif/url-state";
import { Button } from "@/components/ui/button";
import { Field, TextInput } from "@/components/ui/field";

export interface WhatIfFormProps {
  /** The what-if's current overrides (from the URL). */
  value: WhatIfSettings;
  /** What each field is when left blank: the revision's own value, as text. */
  current: Record<WhatIfKey, string>;
  onApply: (settings: WhatIfSettings) => void;
  onReset: () => void;
}

const UNITS: Partial<Record<WhatIfKey, string>> = { window: "s", scaleToZeroGracePeriod: "s", startupSeconds: "s" };

function toText(value: WhatIfSettings): Record<WhatIfKey, string> {
  return Object.fromEntries(WHAT_IF_KEYS.map((k) => [k, value[k] === undefined ? "" : String(value[k])])) as Record<WhatIfKey, string>;
}

/**
 * The editable settings. Blank fields keep the revision's value; invalid ones are named under the
 * field and nothing is applied until they are fixed. Mount it with a `key` of the applied state so a
 * reset or a pasted link refills it.
 */
export function WhatIfForm({ value, current, onApply, onReset }: WhatIfFormProps) {
  const [draft, setDraft] = useState(() => toText(value));
  const [errors, setErrors] = useState<Partial<Record<WhatIfKey, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    const next: WhatIfSettings = {};
    const nextErrors: Partial<Record<WhatIfKey, string>> = {};
    for (const key of WHAT_IF_KEYS) {
      const result = parseWhatIfField(key, draft[key]);
      if (!result.ok) nextErrors[key] = result.error;
      else if (result.value !== undefined) next[key] = result.value;
    }
    const cross = Object.keys(nextErrors).length === 0 ? crossFieldError(next) : null;
    setErrors(nextErrors);
    setFormError(cross);
    if (Object.keys(nextErrors).length === 0 && cross === null) onApply(next);
  }

  return (
    <form onSubmit={submit} aria-label="What-if settings" className="flex flex-col gap-3">
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
        {WHAT_IF_KEYS.map((key) => {
          const spec = WHAT_IF_FIELDS[key];
          const unit = UNITS[key];
          return (
            <Field key={key} label={unit ? `${spec.label} (${unit})` : spec.label} error={errors[key] ?? null} hint={`now ${current[key]}`}>
              {({ id, describedBy, invalid }) => (
                <TextInput
                  id={id}
                  name={spec.param}
                  inputMode="decimal"
                  placeholder={current[key]}
                  value={draft[key]}
                  aria-describedby={describedBy}
                  aria-invalid={invalid}
                  onChange={(e) => setDraft((d) => ({ ...d, [key]: e.target.value }))}
                />
              )}
            </Field>
          );
        })}
      </div>
      {formError ? (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">
          {formError}
        </p>
      ) : null}
      <div className="flex gap-2">
        <Button type="submit" variant="primary">
          Run what-if
        </Button>
        <Button onClick={onReset}>Reset to the revision&apos;s settings</Button>
      </div>
    </form>
  );
}
