import { CloudTrailClient, LookupEventsCommand, type CloudTrailClientConfig, type LookupEventsCommandInput } from '@aws-sdk/client-cloudtrail';
import type { LookupEvent } from '@/lib/events/types';
import { isServerError, isSessionRejected, isThrottle, networkCode } from './errors';
import { limiterFor, sleep } from './rate-limiter';

export interface CloudTrailSettings {
  /** Per-region ceiling; LookupEvents allows 2. */
  requestsPerSecond: number;
  /** Only for the embedded demo; otherwise the SDK resolves it (AWS_ENDPOINT_URL_CLOUDTRAIL included). */
  endpoint?: string;
  /** The demo's fixed keys, an account's assumed-role provider, or (unset) the SDK's default chain. */
  credentials?: CloudTrailClientConfig['credentials'];
  /** The account this reader reads, by its configured name: keys the rate limiter. */
  account?: string;
  /** Retries before a throttle or a server/network error surfaces. */
  maxThrottleRetries?: number;
  maxErrorRetries?: number;
  /** Base of the exponential backoff, ms. */
  backoffBaseMs?: number;
}

export interface LookupQuery {
  /** LookupEvents takes at most one attribute per call. */
  attribute?: { key: 'EventSource' | 'EventId'; value: string };
  start?: Date;
  end?: Date;
  nextToken?: string | null;
}

export interface CallStats {
  requests: number;
  throttles: number;
  retries: number;
}

export interface LookupPage {
  events: LookupEvent[];
  nextToken: string | null;
}

export class CloudTrailReader {
  private readonly clients = new Map<string, CloudTrailClient>();

  constructor(readonly settings: CloudTrailSettings) {}

  private client(region: string): CloudTrailClient {
    let client = this.clients.get(region);
    if (!client) {
      client = new CloudTrailClient({
        region,
        // Retries are ours: each attempt must pass the region's rate limiter, which the SDK's own retries would bypass.
        maxAttempts: 1,
        ...(this.settings.endpoint ? { endpoint: this.settings.endpoint } : {}),
        ...(this.settings.credentials ? { credentials: this.settings.credentials } : {}),
        requestHandler: { connectionTimeout: 5_000, requestTimeout: 30_000 },
      });
      this.clients.set(region, client);
    }
    return client;
  }

  private dropClient(region: string): void {
    this.clients.get(region)?.destroy();
    this.clients.delete(region);
  }

  endpointFor(region: string): string {
    return this.settings.endpoint ?? process.env.AWS_ENDPOINT_URL_CLOUDTRAIL ?? `https://cloudtrail.${region}.amazonaws.com`;
  }

  private backoff(attempt: number): number {
    const base = this.settings.backoffBaseMs ?? 250;
    const ceiling = Math.min(20_000, base * 2 ** (attempt - 1));
    return ceiling / 2 + Math.random() * (ceiling / 2);
  }

  /** One page of LookupEvents (50 events), paced and retried until it succeeds or a retry budget runs out. */
  async lookupPage(region: string, query: LookupQuery, stats?: CallStats): Promise<LookupPage> {
    const input: LookupEventsCommandInput = {
      MaxResults: 50,
      ...(query.attribute ? { LookupAttributes: [{ AttributeKey: query.attribute.key, AttributeValue: query.attribute.value }] } : {}),
      ...(query.start ? { StartTime: query.start } : {}),
      ...(query.end ? { EndTime: query.end } : {}),
      ...(query.nextToken ? { NextToken: query.nextToken } : {}),
    };
    const limiter = limiterFor(this.settings.account ?? 'default', region, this.settings.requestsPerSecond);
    const maxThrottle = this.settings.maxThrottleRetries ?? 12;
    const maxError = this.settings.maxErrorRetries ?? 6;
    let throttled = 0;
    let failed = 0;
    let renewed = false;
    for (;;) {
      await limiter.acquire();
      if (stats) stats.requests++;
      try {
        const out = await this.client(region).send(new LookupEventsCommand(input));
        return { events: (out.Events ?? []) as LookupEvent[], nextToken: out.NextToken ?? null };
      } catch (err) {
        if (isThrottle(err) && throttled < maxThrottle) {
          throttled++;
          if (stats) stats.throttles++;
          limiter.backOff(this.backoff(throttled));
          continue;
        }
        // A session that expired or was revoked between the SDK's refresh and this call: a new
        // client assumes the role afresh, and the same page (same NextToken) is asked again, so
        // nothing is lost or read twice. Keys that are not a provider's cannot be renewed.
        if (isSessionRejected(err) && !renewed && typeof this.settings.credentials === 'function') {
          renewed = true;
          this.dropClient(region);
          continue;
        }
        // A role that could not be assumed: the next call builds a new client and asks STS again,
        // so a grant fixed meanwhile is picked up without a restart.
        if ((err as Error).name === 'AssumeRoleError') this.dropClient(region);
        // A refused connection or a failed name lookup is retried briefly only: it usually means a
        // wrong endpoint or region, not a blip; an unknown host name is not retried at all.
        const net = networkCode(err);
        const brief = net === 'ECONNREFUSED' || net === 'EAI_AGAIN';
        const retryable = isServerError(err) || (net !== null && net !== 'ENOTFOUND' && (!brief || failed < 2));
        if (retryable && failed < maxError) {
          failed++;
          if (stats) stats.retries++;
          await sleep(this.backoff(failed));
          continue;
        }
        throw err;
      }
    }
  }

  /** Looks one event up by id in a region; null when CloudTrail does not have it. */
  async lookupEventById(region: string, eventId: string): Promise<LookupEvent | null> {
    const page = await this.lookupPage(region, { attribute: { key: 'EventId', value: eventId } });
    return page.events.find((e) => e.EventId === eventId) ?? null;
  }

  destroy(): void {
    for (const client of this.clients.values()) client.destroy();
    this.clients.clear();
  }
}
