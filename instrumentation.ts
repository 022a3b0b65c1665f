// Runs once when the Next.js server starts: check configuration and sign-in, open the store and
// start the background sync. A configuration that is unsafe or wrong stops the server with why.
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    // Before the first request: each page render would otherwise keep earlier ones alive.
    (await import('./lib/runtime/release-immediates')).releaseRunImmediates();
    const { getRuntime } = await import('./lib/runtime/server-runtime');
    try {
      await getRuntime();
      // scripts/serve.cjs starts the next worker once this one has made the store and the secret.
      process.send?.('packtrail:ready');
    } catch (err) {
      console.error(`\nPacktrail cannot start: ${(err as Error).message}\n`);
      process.exit(1);
    }
  }
}
