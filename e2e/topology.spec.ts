import { expect, test } from "@playwright/test";
import { expectedTestStackUrls } from "../scripts/stack";

// The topology page against the real federation stack (global federating east and west).

test("the topology page shows the federation, a node's details, and a link into Explore", async ({ page }) => {
  await page.goto("/topology?ds=global");
  await expect(page.getByRole("img", { name: /Topology graph of \d+ nodes/ })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("topology-summary")).toContainText("3 servers");
  await expect(page.getByTestId("topology-summary")).not.toContainText("down");
  await expect(page.getByTestId("topology-summary")).toContainText("worst federation lag");

  const nodes = page.getByRole("navigation", { name: "Topology nodes" });
  await expect(nodes.getByRole("button", { name: "West leaf (up)" })).toBeVisible();
  await nodes.getByRole("button", { name: "East leaf (up)" }).click();
  await expect(page).toHaveURL(/node=/);
  const details = page.getByRole("complementary", { name: /^Details of / });
  await expect(details).toContainText("Health: up");
  await expect(details).toContainText("federates");
  await expect(details).toContainText(new URL(expectedTestStackUrls().east).host);

  const explore = details.getByRole("link", { name: /in Explore$/ });
  await expect(explore).toHaveAttribute("href", /expr=up%7Bjob%3D%22federate%22/);
  await explore.click();
  await expect(page).toHaveURL(/\/explore\?/);
  await expect(page.getByRole("textbox", { name: "PromQL expression" })).toContainText('up{job="federate"');
});
