// Runs once when the Next.js server starts: open the store and start the background sync, so
// data is current before the first page is opened.
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { getRuntime } = await import('./lib/runtime/server-runtime');
    await getRuntime();
  }
}
