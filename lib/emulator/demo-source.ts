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

/**
 * The demo's two accounts, each read through a role the embedded emulator lets it assume: the
 * production account's busy history and a quieter staging account with the same people and
 * channel names (two principals, two resources each, never merged).
 */
export const DEMO_ACCOUNTS = [
  { name: 'media-prod', accountId: '111122223333', seed: 42, eventsPerDay: 120 },
  { name: 'media-staging', accountId: '444455556666', seed: 7, eventsPerDay: 30 },
];
export const demoRoleArn = (accountId: string) => `arn:aws:iam::${accountId}:role/PacktrailReader`;
/** PACKTRAIL_ACCOUNTS as the demo reads it. */
export const DEMO_ACCOUNTS_SETTING = DEMO_ACCOUNTS.map((a) => `${a.name}=${demoRoleArn(a.accountId)}`).join(',');

export function demoItems(now = Date.now(), accounts = DEMO_ACCOUNTS.slice(0, 1)): DemoItem[] {
  const window = { start: new Date(demoAnchor(now)), end: new Date(now + DEMO_LEAD_MS), regions: DEMO_REGIONS };
  return accounts.flatMap((a) => generateDemoHistory({ ...window, seed: a.seed, accountId: a.accountId, eventsPerDay: a.eventsPerDay }));
}

/**
 * Starts a loopback LookupEvents emulator holding the demo history; the demo then syncs through the
 * real SDK path. With `accounts`, every demo account's history, each behind its role (AssumeRole).
 */
export async function startDemoEmulator(options: EmulatorOptions & { withAccounts?: boolean } = {}): Promise<LookupEventsEmulator> {
  const { withAccounts, ...rest } = options;
  const accounts = withAccounts ? DEMO_ACCOUNTS : DEMO_ACCOUNTS.slice(0, 1);
  const emulator = await startEmulator({
    tps: DEMO_RATE,
    ...(withAccounts ? { accounts: accounts.map((a) => ({ accountId: a.accountId, roleArns: [demoRoleArn(a.accountId)] })) } : {}),
    ...rest,
  });
  emulator.add(demoItems(Date.now(), accounts));
  return emulator;
}

/** This week's demo store file name; earlier weeks' files are removed, their history no longer matches. */
export function demoDatabaseFile(dataDir: string, now = Date.now()): string {
  const name = `demo-${new Date(demoAnchor(now)).toISOString().slice(0, 10)}.db`;
  if (fs.existsSync(dataDir)) {
    for (const file of fs.readdirSync(dataDir)) {
      if (/^demo(-\d{4}-\d{2}-\d{2})?\.db(-wal|-shm|-leases(-wal|-shm)?)?$/.test(file) && !file.startsWith(name)) fs.rmSync(`${dataDir}/${file}`, { force: true });
    }
  }
  return name;
}
