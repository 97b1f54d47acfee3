import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { SafeMarkdown } from "./markdown";
import { safeMarkdownUrl } from "./safe-url";

const render = (source: string) => renderToStaticMarkup(createElement(SafeMarkdown, { source }));

describe("safeMarkdownUrl", () => {
  it.each<[string, string | null]>([
    ["https://grafana.com/docs", "https://grafana.com/docs"],
    ["HTTP://example.com", "HTTP://example.com"],
    ["mailto:ops@example.com", "mailto:ops@example.com"],
    ["/d/abc/my-dashboard?var-x=1", "/d/abc/my-dashboard?var-x=1"],
    ["?from=now-1h", "?from=now-1h"],
    ["#section", "#section"],
    ["docs/readme.md", "docs/readme.md"],
    ["/path/with:colon", "/path/with:colon"],
    ["javascript:alert(1)", null],
    ["JaVaScRiPt:alert(1)", null],
    [" javascript:alert(1)", null],
    ["java\tscript:alert(1)", null],
    ["java\u0000script:alert(1)", null],
    ["data:text/html;base64,PHNjcmlwdD4=", null],
    ["DATA:image/svg+xml,<svg onload=alert(1)>", null],
    ["vbscript:msgbox(1)", null],
    ["file:///etc/passwd", null],
  ])("%j → %j", (url, expected) => {
    expect(safeMarkdownUrl(url)).toBe(expected);
  });
});

describe("SafeMarkdown", () => {
  it("renders headings, emphasis, code, lists, links and tables", () => {
    const html = render("# Title\n\nSome *em* and **strong** and `code`.\n\n- one\n- two\n\n[docs](https://example.com)\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
    expect(html).toContain("<h1>Title</h1>");
    expect(html).toContain("<em>em</em>");
    expect(html).toContain("<strong>strong</strong>");
    expect(html).toContain("<code>code</code>");
    expect(html).toContain("<li>one</li>");
    expect(html).toMatch(/<a href="https:\/\/example.com"[^>]*target="_blank"[^>]*rel="noopener noreferrer"/);
    expect(html).toContain("<table>");
  });

  it("keeps relative links in the same tab", () => {
    const html = render("[dash](/d/abc)");
    expect(html).toContain('href="/d/abc"');
    expect(html).not.toContain("target=");
  });

  it.each<[string, string]>([
    ["a script tag", "<script>alert(1)</script>"],
    ["an img with onerror", '<img src=x onerror="alert(1)">'],
    ["an inline event handler", '<div onclick="alert(1)">x</div>'],
    ["an iframe", '<iframe src="javascript:alert(1)"></iframe>'],
    ["inline html in a paragraph", 'hi <a href="javascript:alert(1)" onmouseover="alert(1)">x</a>'],
  ])("does not render raw HTML: %s", (_name, source) => {
    const html = render(source);
    expect(html).not.toMatch(/<(script|img|iframe|div)\b/i);
    expect(html).not.toMatch(/\son\w+=/i);
    expect(html).not.toMatch(/javascript:/i);
  });

  it.each<[string]>([
    ["[x](javascript:alert(1))"],
    ["[x](JaVaScRiPt:alert(1))"],
    ["[x](&#106;avascript:alert(1))"],
    ["[x](java%0ascript:alert(1))"],
    ["<javascript:alert(1)>"],
    ["[x][ref]\n\n[ref]: javascript:alert(1)"],
    ["[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"],
    ["![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)"],
    ["[x](vbscript:msgbox(1))"],
  ])("renders dangerous URLs inert: %s", (source) => {
    const html = render(source);
    expect(html).not.toMatch(/(href|src)="\s*(javascript|data|vbscript):/i);
    expect(html).not.toMatch(/(href|src)="[^"]*&#x?0*6a;?avascript/i);
  });

  it("keeps safe images", () => {
    expect(render("![logo](https://example.com/logo.png)")).toContain('<img src="https://example.com/logo.png" alt="logo"/>');
  });
});
