import type { SyncTarget } from './types';

/** The lease that keeps two syncs of one account-region apart, across processes. */
export function lockName({ account, region }: Pick<SyncTarget, 'region'> & { account: { name: string } }): string {
  return `sync:${account.name}:${region}`;
}
