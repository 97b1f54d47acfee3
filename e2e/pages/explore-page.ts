import { expect, type Locator, type Page, type Response } from "@playwright/test";

/** The Explore page, by role and label, as a user (or a screen reader) finds its parts. */
export class ExplorePage {
  readonly editor: Locator;
  readonly runButton: Locator;
  readonly datasource: Locator;
  readonly timeRange: Locator;
  readonly stepInput: Locator;
  readonly graphTab: Locator;
  readonly tableTab: Locator;
  readonly chart: Locator;
  readonly legend: Locator;
  readonly resultTable: Locator;
  readonly error: Locator;
  readonly completions: Locator;

  constructor(readonly page: Page) {
    this.editor = page.getByRole("textbox", { name: "PromQL expression" });
    this.runButton = page.getByRole("button", { name: "Run query" });
    this.datasource = page.getByLabel("Datasource");
    this.timeRange = page.getByLabel("Time range");
    this.stepInput = page.getByLabel("Step");
    this.graphTab = page.getByRole("tab", { name: "Graph" });
    this.tableTab = page.getByRole("tab", { name: "Table" });
    this.chart = page.getByRole("img", { name: /^Graph of \d+ series/ });
    this.legend = page.getByRole("list", { name: "Series" });
    this.resultTable = page.getByRole("table", { name: "Query result" });
    this.error = page.getByRole("region", { name: "Result" }).getByRole("alert");
    this.completions = page.getByRole("listbox");
  }

  /** Opens /explore, optionally with URL state, and waits until the datasources are loaded. */
  async goto(search: Record<string, string> = {}): Promise<void> {
    const query = new URLSearchParams(search).toString();
    await this.page.goto(`/explore${query ? `?${query}` : ""}`);
    await expect(this.datasource).toBeEnabled();
  }

  /** Replaces the editor's text by typing it, as a user would (completion pops up as they type). */
  async typeExpression(text: string): Promise<void> {
    await this.editor.click();
    await this.page.keyboard.press("ControlOrMeta+A");
    await this.page.keyboard.press("Backspace");
    await this.page.keyboard.type(text);
  }

  /** The completion offered for exactly `label` (CodeMirror renders the label in its own span). */
  completion(label: string): Locator {
    return this.completions.getByRole("option").filter({ has: this.page.getByText(label, { exact: true }) });
  }

  legendItem(seriesName: string): Locator {
    return this.legend.getByRole("button", { name: seriesName, exact: true });
  }

  tableRow(seriesName: string): Locator {
    return this.resultTable.getByRole("row").filter({ has: this.page.getByRole("cell", { name: seriesName, exact: true }) });
  }

  /** Waits for the next answer from a proxy endpoint on a datasource, optionally for one expression. */
  nextQueryResponse(endpoint: "query_range" | "query", datasource = "global", expr?: string): Promise<Response> {
    const path = `/api/ds/${datasource}/api/v1/${endpoint}`;
    return this.page.waitForResponse((res) => {
      if (new URL(res.url()).pathname !== path) return false;
      return expr === undefined || new URLSearchParams(res.request().postData() ?? "").get("query") === expr;
    });
  }

  async selectDatasource(id: string): Promise<void> {
    await this.datasource.selectOption(id);
  }
}
