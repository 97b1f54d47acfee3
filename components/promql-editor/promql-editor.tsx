"use client";

import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { Compartment, EditorState } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import { baseExtensions, createPromQL } from "./extensions";

export interface PromQLEditorProps {
  /** The text to show. The editor keeps its own copy while typing; a different value replaces it. */
  value: string;
  onChange: (value: string) => void;
  /** Shift+Enter or Ctrl/Cmd+Enter, with the current text. */
  onSubmit: (value: string) => void;
  /** Prometheus-compatible API base for metric and label completion, e.g. `/api/ds/global`. */
  apiBaseUrl: string | null;
  ariaLabel?: string;
  placeholder?: string;
  className?: string;
}

/** A CodeMirror 6 editor for PromQL: highlighting, linting, and completion through the datasource's API. */
export function PromQLEditor({
  value,
  onChange,
  onSubmit,
  apiBaseUrl,
  ariaLabel = "PromQL expression",
  placeholder = "Enter a PromQL expression (Shift+Enter to run)",
  className,
}: PromQLEditorProps) {
  const parentRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EditorView | null>(null);
  const [language] = useState(() => new Compartment());
  const callbacksRef = useRef({ onChange, onSubmit });
  // Only the first value and label build the editor; later values are applied by the effect below.
  const initialRef = useRef({ value, ariaLabel, placeholder });

  useLayoutEffect(() => {
    callbacksRef.current = { onChange, onSubmit };
  });

  useEffect(() => {
    const parent = parentRef.current;
    if (!parent) return;
    const initial = initialRef.current;
    const view = new EditorView({
      parent,
      state: EditorState.create({
        doc: initial.value,
        extensions: [
          baseExtensions({
            ariaLabel: initial.ariaLabel,
            placeholderText: initial.placeholder,
            onChange: (text) => callbacksRef.current.onChange(text),
            onSubmit: (v) => {
              callbacksRef.current.onSubmit(v.state.doc.toString());
              return true;
            },
          }),
          language.of([]),
        ],
      }),
    });
    viewRef.current = view;
    return () => {
      view.destroy();
      viewRef.current = null;
    };
  }, [language]);

  // Completion follows the selected datasource: swap the language extension, not the editor.
  useEffect(() => {
    const view = viewRef.current;
    if (!view) return;
    const promql = createPromQL(apiBaseUrl);
    view.dispatch({ effects: language.reconfigure(promql.asExtension()) });
    return () => promql.destroy();
  }, [apiBaseUrl, language]);

  useEffect(() => {
    const view = viewRef.current;
    if (!view) return;
    const current = view.state.doc.toString();
    if (current !== value) view.dispatch({ changes: { from: 0, to: current.length, insert: value } });
  }, [value]);

  return (
    <div
      ref={parentRef}
      className={
        className ??
        "min-w-0 flex-1 rounded-md border border-slate-300 bg-white focus-within:border-blue-500 focus-within:ring-2 focus-within:ring-blue-500/30 dark:border-slate-700 dark:bg-slate-900"
      }
    />
  );
}
