import { describe, expect, it } from "vitest";
import { escapeHtml } from "./escape";

describe("escapeHtml", () => {
  it("turns every markup character into an entity", () => {
    expect(escapeHtml(`<img src=x onerror="alert('1')">&`)).toBe("&#60;img src=x onerror=&#34;alert(&#39;1&#39;)&#34;&#62;&#38;");
  });
  it("leaves other text, including unicode, alone", () => {
    expect(escapeHtml("p99 ≥ 2 × target {job=\\x}")).toBe("p99 ≥ 2 × target {job=\\x}");
  });
});
