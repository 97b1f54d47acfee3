import { expect, test } from "@playwright/test";
import { SIGNED_OUT } from "./auth";

// Sign-in rate limiting on the real login page: the 6th attempt within 5 minutes for one username from
// one address says how long to wait. A username of its own, so no other spec is locked out.
test.use({ storageState: SIGNED_OUT });

test("after 5 failed sign-ins the login page says: too many attempts, try again in N s", async ({ page }) => {
  test.setTimeout(120_000);
  const username = `limited-${Date.now()}`;
  await page.goto("/login");
  const submit = async () => {
    await page.getByLabel("Username", { exact: true }).fill(username);
    await page.getByLabel("Password", { exact: true }).fill("not-the-password");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
  };
  for (let i = 0; i < 5; i++) {
    await submit();
    await expect(page.getByRole("alert").filter({ hasText: "Wrong username or password." })).toBeVisible({ timeout: 20_000 });
    await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeEnabled();
  }
  await submit();
  const limited = page.getByRole("alert").filter({ hasText: /Too many failed sign-in attempts\. Try again in \d+ s\./ });
  await expect(limited).toBeVisible({ timeout: 20_000 });
  const seconds = Number(/in (\d+) s/.exec((await limited.textContent()) ?? "")?.[1]);
  expect(seconds).toBeGreaterThan(0);
  expect(seconds).toBeLessThanOrEqual(300);
});
