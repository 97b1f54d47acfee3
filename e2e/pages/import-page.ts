import { expect, type Locator, type Page } from "@playwright/test";

/** The Import page (/dashboard/import), by role and label. */
export class ImportPage {
  readonly pasteTab: Locator;
  readonly uploadTab: Locator;
  readonly provisionedTab: Locator;
  readonly jsonText: Locator;
  readonly fileInput: Locator;
  readonly loadButton: Locator;
  readonly report: Locator;
  readonly panels: Locator;
  readonly variables: Locator;
  readonly uid: Locator;
  readonly title: Locator;
  readonly importButton: Locator;

  constructor(readonly page: Page) {
    this.pasteTab = page.getByRole("tab", { name: "Paste JSON" });
    this.uploadTab = page.getByRole("tab", { name: "Upload file" });
    this.provisionedTab = page.getByRole("tab", { name: "Provisioned folder" });
    this.jsonText = page.getByRole("textbox", { name: "Grafana dashboard JSON" });
    this.fileInput = page.getByLabel("Dashboard JSON file");
    this.loadButton = page.getByRole("button", { name: "Load", exact: true });
    this.report = page.getByRole("table", { name: "Import report" });
    this.panels = page.getByRole("table", { name: "Converted panels" });
    this.variables = page.getByRole("table", { name: "Converted variables" });
    this.uid = page.getByLabel("UID", { exact: true });
    this.title = page.getByLabel("Title", { exact: true });
    this.importButton = page.getByRole("button", { name: "Import", exact: true });
  }

  /** Opens the page from the dashboards list, as a user would. */
  async open(): Promise<void> {
    await this.page.goto("/dashboards");
    await this.page.getByRole("link", { name: "Import dashboard", exact: true }).click();
    await expect(this.page.getByRole("heading", { level: 1, name: "Import dashboard" })).toBeVisible();
  }

  async paste(text: string): Promise<void> {
    await this.pasteTab.click();
    await this.jsonText.fill(text);
    await this.loadButton.click();
  }

  async upload(file: string | { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
    await this.uploadTab.click();
    await this.fileInput.setInputFiles(file);
  }

  /** Waits for the preview of a conversion (the panels table) and for no conversion to be running. */
  async previewed(): Promise<void> {
    await expect(this.panels).toBeVisible({ timeout: 20_000 });
    await expect(this.page.getByText("Converting…")).toBeHidden({ timeout: 20_000 });
  }

  /** The rows of the report table as [panel, field, reason]. */
  async reportRows(): Promise<string[][]> {
    return this.report.locator("tbody tr").evaluateAll((rows) => rows.map((r) => Array.from(r.querySelectorAll("td"), (td) => td.textContent ?? "")));
  }

  /** The rows of the converted panels table as [title, type]. */
  async panelRows(): Promise<string[][]> {
    return this.panels.locator("tbody tr").evaluateAll((rows) => rows.map((r) => Array.from(r.querySelectorAll("td"), (td) => td.textContent ?? "").slice(0, 2)));
  }
}
