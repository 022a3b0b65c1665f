import { test as setup, expect } from '@playwright/test';
import { E2E_USER, SIGNED_IN_STATE } from '../playwright.config';

// Signs in once with a local account and saves the session for the signed-in specs.
setup('sign in with a local account', async ({ page }) => {
  await page.goto('/signin');
  await page.getByLabel('Username').fill(E2E_USER.name);
  await page.getByLabel('Password').fill(E2E_USER.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(/\/events/);
  await page.context().storageState({ path: SIGNED_IN_STATE });
});
