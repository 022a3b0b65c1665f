import { test as setup, expect } from '@playwright/test';
import { SIGNED_IN_STATE } from '../playwright.config';

// Signs in once with the demo's one-click viewer and saves the session for the signed-in specs.
setup('sign in as the demo viewer', async ({ page }) => {
  await page.goto('/signin');
  await page.getByRole('button', { name: 'Continue as demo viewer' }).click();
  await expect(page).toHaveURL(/\/events/);
  await page.context().storageState({ path: SIGNED_IN_STATE });
});
