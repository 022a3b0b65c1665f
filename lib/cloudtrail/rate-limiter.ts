// LookupEvents allows 2 requests/s per account and region. Requests are paced to fixed slots
// (one every 1/rps s) instead of bursting, so a steady sync sits at the ceiling without ever
// crossing it; a throttle pushes the next slot back so the whole account-region slows down together.

export class RateLimiter {
  private nextSlot = 0;

  constructor(private readonly requestsPerSecond: number) {
    if (!(requestsPerSecond > 0)) throw new Error(`rate limit must be above 0 requests/s, got ${requestsPerSecond}`);
  }

  get intervalMs(): number {
    return 1000 / this.requestsPerSecond;
  }

  /** Resolves when the caller may send one request. */
  async acquire(): Promise<void> {
    const now = Date.now();
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + this.intervalMs;
    if (slot > now) await sleep(slot - now);
  }

  /** Called after a ThrottlingException: keep the whole region quiet for a while. */
  backOff(ms: number): void {
    this.nextSlot = Math.max(this.nextSlot, Date.now() + ms);
  }
}

const limiters = new Map<string, RateLimiter>();

/**
 * One limiter per account and region (and rate) for the whole process, shared by sync and lookups
 * by id: the quota is per account per region, so two accounts never slow each other down.
 */
export function limiterFor(account: string, region: string, requestsPerSecond: number): RateLimiter {
  const key = `${account}/${region}@${requestsPerSecond}`;
  let limiter = limiters.get(key);
  if (!limiter) {
    limiter = new RateLimiter(requestsPerSecond);
    limiters.set(key, limiter);
  }
  return limiter;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
