import fs from 'node:fs';
import { generateDemoHistory, type DemoItem } from './demo-history';
import { startEmulator, type EmulatorOptions, type LookupEventsEmulator } from './lookup-events-server';

export const DEMO_REGIONS = ['us-west-2', 'eu-west-1'];
export const DEMO_RATE = 20;
const DAY = 86_400_000;
const WEEK = 7 * DAY;
const FIRST_MONDAY = 4 * DAY; // 1970-01-05

/**
 * Where the simulated world starts: 77 days before this week's Monday (UTC). Within a week every
 * start of the demo yields the same events (same ids), and the whole story — stacks created, a
 * channel retired and re-created, the hostile description — stays inside LookupEvents' 90 days.
 */
export function demoAnchor(now = Date.now()): number {
  return Math.floor((now - FIRST_MONDAY) / WEEK) * WEEK + FIRST_MONDAY - 77 * DAY;
}
// Events up to a week ahead are generated but stay invisible until their delivery time, so a
// running demo keeps receiving new activity like a real account.
const DEMO_LEAD_MS = 7 * 86_400_000;

export function demoItems(now = Date.now()): DemoItem[] {
  return generateDemoHistory({ seed: 42, start: new Date(demoAnchor(now)), end: new Date(now + DEMO_LEAD_MS), regions: DEMO_REGIONS });
}

/** Starts a loopback LookupEvents emulator holding the demo history; the demo then syncs through the real SDK path. */
export async function startDemoEmulator(options: EmulatorOptions = {}): Promise<LookupEventsEmulator> {
  const emulator = await startEmulator({ tps: DEMO_RATE, ...options });
  emulator.add(demoItems());
  return emulator;
}

/** This week's demo store file name; earlier weeks' files are removed, their history no longer matches. */
export function demoDatabaseFile(dataDir: string, now = Date.now()): string {
  const name = `demo-${new Date(demoAnchor(now)).toISOString().slice(0, 10)}.db`;
  if (fs.existsSync(dataDir)) {
    for (const file of fs.readdirSync(dataDir)) {
      if (/^demo(-\d{4}-\d{2}-\d{2})?\.db(-wal|-shm)?$/.test(file) && !file.startsWith(name)) fs.rmSync(`${dataDir}/${file}`, { force: true });
    }
  }
  return name;
}
