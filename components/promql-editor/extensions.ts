import { autocompletion, closeBrackets, closeBracketsKeymap, closeCompletion } from "@codemirror/autocomplete";
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { bracketMatching, defaultHighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { lintKeymap } from "@codemirror/lint";
import { Prec, type Extension } from "@codemirror/state";
import { drawSelection, EditorView, highlightSpecialChars, keymap, placeholder, type Command } from "@codemirror/view";
import { PromQLExtension } from "@prometheus-io/codemirror-promql";

/** Completion results from the API stay fresh this long (codemirror-promql's cache). */
const COMPLETION_CACHE_MS = 5 * 60_000;

/**
 * PromQL highlighting, the offline linter and completion. With `apiBaseUrl` (a Prometheus-compatible
 * base such as `/api/ds/global`), completion also offers metric names, label names and values.
 */
export function createPromQL(apiBaseUrl: string | null): PromQLExtension {
  const promql = new PromQLExtension().activateCompletion(true).activateLinter(true);
  if (apiBaseUrl === null) return promql;
  return promql.setComplete({
    remote: {
      url: apiBaseUrl,
      // GET keeps completion requests cacheable and needs no request body.
      httpMethod: "GET",
      cache: { maxAge: COMPLETION_CACHE_MS },
      // Completion is a convenience: a datasource that is down must not break typing.
      httpErrorHandler: () => undefined,
    },
  });
}

const theme = EditorView.theme({
  "&": { fontSize: "13px", backgroundColor: "transparent" },
  "&.cm-focused": { outline: "none" },
  ".cm-content": {
    fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace",
    padding: "8px 0",
    minHeight: "2.5rem",
  },
  ".cm-line": { padding: "0 10px" },
  ".cm-placeholder": { color: "#94a3b8" },
  ".cm-tooltip.cm-tooltip-autocomplete > ul": { fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace", maxHeight: "16rem" },
  ".cm-completionDetail": { marginLeft: "0.75em", fontStyle: "normal", color: "#64748b" },
});

export interface BaseExtensionsOptions {
  ariaLabel: string;
  placeholderText: string;
  /** Runs the query; bound to Shift+Enter and Ctrl/Cmd+Enter. */
  onSubmit: Command;
  /** Called with the whole text after each edit. */
  onChange: (text: string) => void;
}

/** The editor without the language: keys, history, completion UI, theme and accessibility. */
export function baseExtensions({ ariaLabel, placeholderText, onSubmit, onChange }: BaseExtensionsOptions): Extension[] {
  const submit: Command = (view) => {
    closeCompletion(view);
    return onSubmit(view);
  };
  return [
    history(),
    drawSelection(),
    highlightSpecialChars(),
    bracketMatching(),
    closeBrackets(),
    // Its keymap (Enter accepts, arrows move, Escape closes) comes at high precedence by default.
    autocompletion({ icons: false }),
    syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
    EditorView.lineWrapping,
    placeholder(placeholderText),
    EditorView.contentAttributes.of({ "aria-label": ariaLabel }),
    theme,
    // Highest precedence, so running wins over the completion popup and plain-Enter bindings.
    Prec.highest(
      keymap.of([
        { key: "Shift-Enter", run: submit },
        { key: "Mod-Enter", run: submit },
        { key: "Ctrl-Enter", run: submit },
      ]),
    ),
    // A completion answer arriving after the user clicked away (e.g. on "Run query") would
    // otherwise leave the popup open over the results.
    EditorView.domEventHandlers({
      blur: (_event, view) => {
        closeCompletion(view);
      },
    }),
    keymap.of([
      ...closeBracketsKeymap,
      ...defaultKeymap,
      ...historyKeymap,
      ...lintKeymap,
      // Escape leaves the editor, as in Prometheus's UI (an open completion popup takes it first).
      {
        key: "Escape",
        run: (view) => {
          view.contentDOM.blur();
          return true;
        },
      },
    ]),
    EditorView.updateListener.of((update) => {
      if (update.docChanged) onChange(update.state.doc.toString());
    }),
  ];
}
