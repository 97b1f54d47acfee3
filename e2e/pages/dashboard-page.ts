import { expect, type Download, type Locator, type Page } from "@playwright/test";
import { panel } from "./dashboards";

export type PanelTypeName = "Time series" | "Stat" | "Table" | "Gauge" | "Bar gauge" | "Heatmap" | "Text";

/** A dashboard page in view and edit mode, by role and label. */
export class DashboardPage {
  readonly editButton: Locator;
  readonly addButton: Locator;
  readonly saveButton: Locator;
  readonly discardButton: Locator;
  readonly settingsButton: Locator;
  readonly jsonButton: Locator;
  readonly panelEditor: Locator;
  readonly saveDialog: Locator;
  readonly jsonText: Locator;
  readonly jsonIssues: Locator;
  readonly applyJson: Locator;

  constructor(readonly page: Page) {
    this.editButton = page.getByRole("button", { name: "Edit", exact: true });
    this.addButton = page.getByRole("button", { name: "Add", exact: true });
    this.saveButton = page.getByRole("button", { name: "Save dashboard" });
    this.discardButton = page.getByRole("button", { name: "Discard" });
    this.settingsButton = page.getByRole("button", { name: "Settings" });
    this.jsonButton = page.getByRole("button", { name: "JSON model" });
    this.panelEditor = page.getByRole("region", { name: "Edit panel" });
    this.saveDialog = page.getByRole("dialog");
    this.jsonText = page.getByRole("textbox", { name: "Dashboard JSON" });
    this.jsonIssues = page.getByRole("list", { name: "JSON issues" });
    this.applyJson = page.getByRole("button", { name: "Apply JSON" });
  }

  async goto(uid: string): Promise<void> {
    await this.page.goto(`/d/${uid}`);
    await this.settled();
  }

  /** Opens a new dashboard from the dashboards list, as a user would. */
  async gotoNew(): Promise<void> {
    await this.page.goto("/dashboards");
    await this.page.getByRole("link", { name: "New dashboard" }).click();
    // A client-side navigation to a dynamic page: on a loaded machine it takes more than 5 s.
    await expect(this.addButton).toBeVisible({ timeout: 20_000 });
    await this.settled();
  }

  /** Waits until the page has written its whole view (time range, variables) into the URL. */
  async settled(): Promise<void> {
    // Both wait on the server (the page, then the URL write's round trip): generous for a loaded machine.
    await expect(this.page.getByRole("heading", { level: 1 })).toBeVisible({ timeout: 20_000 });
    await expect(this.page).toHaveURL(/[?&]from=/, { timeout: 20_000 });
  }

  /** A panel in the grid, by its title. */
  panel(title: string): Locator {
    return panel(this.page, title);
  }

  /** Picks an item of a panel's menu (View, Edit, Duplicate, Remove, ...). */
  async panelMenu(title: string, item: string, index = 0): Promise<void> {
    await this.panel(title).nth(index).getByRole("button", { name: "Panel menu" }).click();
    await this.page.getByRole("menuitem", { name: item, exact: true }).click();
  }

  /** Drags a panel's resize handle (bottom right) by a number of pixels. */
  async resizePanel(title: string, dxPx: number, dyPx: number): Promise<void> {
    const handle = this.panel(title).locator("xpath=..").locator(".react-resizable-handle");
    const box = (await handle.boundingBox())!;
    await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x + box.width / 2 + dxPx, box.y + box.height / 2 + dyPx, { steps: 10 });
    await this.page.mouse.up();
  }

  /** Drags a panel by its title (the grid's drag handle) by a number of pixels. */
  async dragPanel(title: string, dxPx: number, dyPx: number): Promise<void> {
    const box = (await this.panel(title).getByRole("heading", { name: title }).boundingBox())!;
    await this.page.mouse.move(box.x + 20, box.y + box.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x + 20 + dxPx, box.y + box.height / 2 + dyPx, { steps: 15 });
    await this.page.mouse.up();
  }

  /** Adds a panel of a type from the Add menu, sets its title and query A in the panel editor, and goes back. */
  async addPanel(type: PanelTypeName, title: string, expr: string): Promise<void> {
    await this.addButton.click();
    await this.page.getByRole("menuitem", { name: `${type} panel` }).click();
    await expect(this.panelEditor).toBeVisible();
    await this.panelEditor.getByLabel("Title", { exact: true }).fill(title);
    const editor = this.panelEditor.getByRole("textbox", { name: "PromQL expression A" });
    await editor.click();
    await this.page.keyboard.type(expr);
    await this.page.keyboard.press("Escape");
    // Leaving the editor applies the expression: the preview queries it.
    await this.panelEditor.getByLabel("Title", { exact: true }).click();
    await expect(this.panelEditor.getByRole("region", { name: "Preview" }).getByRole("region", { name: title })).toBeVisible();
    await this.panelEditor.getByRole("button", { name: "Back to dashboard" }).click();
    await expect(this.panel(title)).toBeVisible();
  }

  /** Opens the save dialog and saves with a message (and a title, for a new dashboard or a copy). */
  async openSave(message: string, title?: string): Promise<void> {
    await this.saveButton.click();
    await expect(this.saveDialog).toBeVisible();
    if (title !== undefined) await this.saveDialog.getByLabel("Title").fill(title);
    await this.saveDialog.getByLabel("Message").fill(message);
    await this.saveDialog.getByRole("button", { name: "Save", exact: true }).click();
  }

  async save(message: string, title?: string): Promise<void> {
    await this.openSave(message, title);
    await expect(this.saveDialog).toBeHidden();
  }

  /** Sets the dashboard's title in Settings. */
  async setTitle(title: string): Promise<void> {
    await this.settingsButton.click();
    await this.page.getByRole("region", { name: "Dashboard settings" }).getByLabel("Title").fill(title);
  }

  /** Downloads the dashboard in view through the toolbar's "Export ▾" menu. */
  async exportAs(format: "Grafana JSON" | "Orrery JSON"): Promise<Download> {
    await this.page.getByRole("button", { name: "Export ▾" }).click();
    const downloading = this.page.waitForEvent("download");
    await this.page.getByRole("menuitem", { name: format }).click();
    return downloading;
  }

  async openJson(): Promise<Record<string, unknown>> {
    await this.jsonButton.click();
    await expect(this.jsonText).toBeVisible();
    return JSON.parse(await this.jsonText.inputValue()) as Record<string, unknown>;
  }
}
