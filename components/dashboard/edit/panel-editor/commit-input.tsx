"use client";

import { useState, type InputHTMLAttributes } from "react";

export interface CommitInputProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "value" | "onChange" | "defaultValue"> {
  value: string;
  /** Called on blur or Enter with the text, if it changed. */
  onCommit: (text: string) => void;
}

const CONTROL =
  "h-8 rounded-md border border-slate-300 bg-white px-2 text-sm focus:border-blue-500 focus:outline-none focus:ring-2 focus:ring-blue-500/30 aria-[invalid=true]:border-red-500 dark:border-slate-700 dark:bg-slate-900";

/**
 * A text box that applies its value when left (or on Enter), not on every keystroke: for values
 * that re-sort (threshold steps) or re-query (min step) and would jump about while typed.
 */
export function CommitInput({ value, onCommit, className = "", ...props }: CommitInputProps) {
  const [local, setLocal] = useState({ from: value, text: value });
  const text = local.from === value ? local.text : value;
  const commit = () => text !== value && onCommit(text);
  return (
    <input
      {...props}
      value={text}
      onChange={(e) => setLocal({ from: value, text: e.target.value })}
      onBlur={commit}
      onKeyDown={(e) => e.key === "Enter" && commit()}
      className={`${CONTROL} ${className}`}
    />
  );
}

/** Parses an optional number: "" is unset, anything else must be finite. */
export function parseOptionalNumber(text: string): { ok: true; value: number | undefined } | { ok: false } {
  if (text.trim() === "") return { ok: true, value: undefined };
  const n = Number(text);
  return Number.isFinite(n) ? { ok: true, value: n } : { ok: false };
}
