import type { ComponentProps } from "react";
import Markdown, { type Components } from "react-markdown";
import remarkGfm from "remark-gfm";
import { isExternalUrl, safeMarkdownUrl } from "./safe-url";

export interface SafeMarkdownProps {
  source: string;
}

function Link({ href, children, node: _node, ...rest }: ComponentProps<"a"> & { node?: unknown }) {
  const external = href !== undefined && isExternalUrl(href);
  return (
    <a {...rest} href={href} className="text-sky-700 underline dark:text-sky-400" {...(external ? { target: "_blank", rel: "noopener noreferrer" } : {})}>
      {children}
    </a>
  );
}

const COMPONENTS: Components = { a: Link };

/**
 * Renders Markdown (CommonMark + GFM tables) as React elements. Raw HTML is skipped, so no tag,
 * script or event handler from the source reaches the DOM; URLs pass `safeMarkdownUrl`.
 */
export function SafeMarkdown({ source }: SafeMarkdownProps) {
  return (
    <Markdown remarkPlugins={[remarkGfm]} skipHtml urlTransform={(url) => safeMarkdownUrl(url)} components={COMPONENTS}>
      {source}
    </Markdown>
  );
}
