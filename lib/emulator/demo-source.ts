import { generateDemoHistory, type DemoItem } from './demo-history';
import { startEmulator, type EmulatorOptions, type LookupEventsEmulator } from './lookup-events-server';

export const DEMO_REGIONS = ['us-west-2', 'eu-west-1'];
export const DEMO_RATE = 20;
// The simulated world always starts here, so every start of the demo yields the same events
// (same ids) and a kept demo store never sees duplicates or contradictions.
const DEMO_EPOCH = Date.UTC(2026, 0, 1);
// Events up to a week ahead are generated but stay invisible until their delivery time, so a
// running demo keeps receiving new activity like a real account.
const DEMO_LEAD_MS = 7 * 86_400_000;

export function demoItems(now = Date.now()): DemoItem[] {
  return generateDemoHistory({ seed: 42, start: new Date(DEMO_EPOCH), end: new Date(now + DEMO_LEAD_MS), regions: DEMO_REGIONS });
}

/** Starts a loopback LookupEvents emulator holding the demo history; the demo then syncs through the real SDK path. */
export async function startDemoEmulator(options: EmulatorOptions = {}): Promise<LookupEventsEmulator> {
  const emulator = await startEmulator({ tps: DEMO_RATE, ...options });
  emulator.add(demoItems());
  return emulator;
}
