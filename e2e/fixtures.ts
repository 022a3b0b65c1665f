import { test as base, expect, type APIRequestContext, type Locator } from '@playwright/test';

/** Waits until every region and source has finished its first sync, so specs see the whole demo history. */
export async function waitForFirstSync(request: APIRequestContext): Promise<void> {
  await expect
    .poll(
      async () => {
        const body = await (await request.get('/api/sync')).json();
        return body.streams.length > 0 && body.streams.every((s: { watermark: string | null; job: unknown }) => s.watermark && !s.job);
      },
      { timeout: 90_000, intervals: [500] },
    )
    .toBe(true);
}

/**
 * Waits until React has hydrated `target` (it attaches its fiber to each DOM node it owns). A click
 * before that reaches no handler and is lost, as it would be for a person on a loaded machine.
 */
export async function hydrated(target: Locator): Promise<Locator> {
  await expect.poll(() => target.evaluate((el) => Object.keys(el).some((k) => k.startsWith('__reactFiber')))).toBe(true);
  return target;
}

export const test = base.extend<{ synced: void }>({
  synced: [
    async ({ request }, use) => {
      await waitForFirstSync(request);
      await use();
    },
    { auto: true },
  ],
});

export { expect };
