// Reads the environment once into typed settings; a bad value stops the start with a clear message.
import { AccountsConfigError, parseAccounts, parseExternalId, type AccountConfig } from '@/lib/accounts/accounts-config';

export interface Config {
  /** `auto` picks `aws` when AWS credentials resolve, else `demo`. */
  source: 'aws' | 'demo' | 'auto';
  /** Null means the default: the demo's regions, or AWS_REGION, or us-east-1. */
  regions: string[] | null;
  eventSources: string[];
  syncIntervalMs: number;
  /** Null means the default file in the data directory (demo data gets a file of its own). */
  databaseUrl: string | null;
  dataDir: string;
  requestsPerSecond: number | null;
  overlapMs: number;
  /** PACKTRAIL_ACCOUNTS; null reads the credential chain's own account. */
  accounts: AccountConfig[] | null;
  externalId: string | null;
}

export const DEFAULT_EVENT_SOURCES = ['mediapackage.amazonaws.com', 'mediapackagev2.amazonaws.com'];
const MIN_OVERLAP_MS = 15 * 60_000;

export class ConfigError extends Error {}

export function parseDuration(name: string, value: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(value.trim());
  if (!m) throw new ConfigError(`${name}="${value}" is not a duration; use e.g. 60s, 5m, 1h or 0`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] ?? 's']!;
  return Math.round(Number(m[1]) * unit);
}

function list(value: string | undefined): string[] | null {
  const items = (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  return items.length ? [...new Set(items)] : null;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const source = (env.PACKTRAIL_SOURCE ?? 'auto').trim().toLowerCase();
  if (!['aws', 'demo', 'auto'].includes(source)) throw new ConfigError(`PACKTRAIL_SOURCE="${env.PACKTRAIL_SOURCE}" must be aws or demo (or unset to detect)`);
  const regions = list(env.PACKTRAIL_REGIONS);
  for (const r of regions ?? []) {
    if (!/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/.test(r)) throw new ConfigError(`PACKTRAIL_REGIONS: "${r}" is not a region name such as eu-west-1`);
  }
  const eventSources = list(env.PACKTRAIL_EVENT_SOURCES) ?? DEFAULT_EVENT_SOURCES;
  for (const s of eventSources) {
    if (!/^[a-z0-9-]+\.amazonaws\.com$/.test(s)) throw new ConfigError(`PACKTRAIL_EVENT_SOURCES: "${s}" is not an event source such as mediapackagev2.amazonaws.com`);
  }
  const rate = env.PACKTRAIL_RATE_LIMIT ? Number(env.PACKTRAIL_RATE_LIMIT) : null;
  if (rate !== null && !(rate > 0 && rate <= 100)) throw new ConfigError(`PACKTRAIL_RATE_LIMIT="${env.PACKTRAIL_RATE_LIMIT}" must be requests per second per region, above 0 (AWS allows 2)`);
  const overlapMs = env.PACKTRAIL_SYNC_OVERLAP ? parseDuration('PACKTRAIL_SYNC_OVERLAP', env.PACKTRAIL_SYNC_OVERLAP) : MIN_OVERLAP_MS;
  if (overlapMs < MIN_OVERLAP_MS) throw new ConfigError('PACKTRAIL_SYNC_OVERLAP must be at least 15m: CloudTrail delivers events minutes late');
  let accounts: AccountConfig[] | null;
  let externalId: string | null;
  try {
    accounts = parseAccounts(env.PACKTRAIL_ACCOUNTS);
    externalId = parseExternalId(env.PACKTRAIL_ROLE_EXTERNAL_ID);
  } catch (err) {
    throw err instanceof AccountsConfigError ? new ConfigError(err.message) : err;
  }
  return {
    source: source as Config['source'],
    regions,
    eventSources,
    syncIntervalMs: parseDuration('PACKTRAIL_SYNC_INTERVAL', env.PACKTRAIL_SYNC_INTERVAL ?? '60s'),
    databaseUrl: env.DATABASE_URL?.trim() || null,
    dataDir: (env.PACKTRAIL_DATA_DIR?.trim() || './data').replace(/\/+$/, ''),
    requestsPerSecond: rate,
    overlapMs,
    accounts,
    externalId,
  };
}
