import { PanelMessage } from "../panel-message";
import type { PanelProps } from "../types";
import { SafeMarkdown } from "./markdown";

export type TextPanelProps = PanelProps<"text">;

// Tailwind's preflight strips element styles; these restore readable Markdown without a plugin.
const PROSE = [
  "text-sm leading-relaxed text-slate-800 dark:text-slate-200",
  "[&_h1]:mb-2 [&_h1]:text-xl [&_h1]:font-semibold [&_h2]:mb-2 [&_h2]:text-lg [&_h2]:font-semibold",
  "[&_h3]:mb-1 [&_h3]:font-semibold [&_h4]:font-semibold [&_p]:mb-2 [&_ul]:mb-2 [&_ul]:list-disc [&_ul]:pl-5",
  "[&_ol]:mb-2 [&_ol]:list-decimal [&_ol]:pl-5 [&_blockquote]:border-l-4 [&_blockquote]:border-slate-300 [&_blockquote]:pl-3",
  "[&_code]:rounded [&_code]:bg-slate-100 [&_code]:px-1 [&_code]:font-mono [&_code]:text-xs dark:[&_code]:bg-slate-800",
  "[&_pre]:mb-2 [&_pre]:overflow-auto [&_pre]:rounded [&_pre]:bg-slate-100 [&_pre]:p-2 dark:[&_pre]:bg-slate-800",
  "[&_table]:mb-2 [&_table]:border-collapse [&_td]:border [&_td]:border-slate-300 [&_td]:px-2 [&_th]:border [&_th]:border-slate-300 [&_th]:px-2",
  "dark:[&_td]:border-slate-700 dark:[&_th]:border-slate-700 [&_hr]:my-2 [&_hr]:border-slate-300 [&_img]:max-w-full",
].join(" ");

/** Markdown from the panel's options, rendered safely. Queries are ignored, as in Grafana. */
export function TextPanel({ panel, width, height }: TextPanelProps) {
  const content = panel.options.content;
  if (content.trim() === "") return <PanelMessage>Empty text panel</PanelMessage>;
  return (
    <div className={`overflow-auto p-2 ${PROSE}`} style={{ width, height }}>
      <SafeMarkdown source={content} />
    </div>
  );
}
