import type { Store } from '@/lib/store/types';
import type { AccountConfig } from './accounts-config';

/**
 * Account id → configured name, for showing accounts by name (the id one hover away). A role's
 * account id is in its ARN; the credential chain's own is learnt from the events its sync read.
 * Empty when PACKTRAIL_ACCOUNTS is unset (the chain's own account alone, as `default`): it is shown
 * by its id, not as "default".
 */
export async function accountNames(runtime: { accounts: AccountConfig[]; store: Store }): Promise<Record<string, string>> {
  if (runtime.accounts.length === 1 && !runtime.accounts[0].roleArn && runtime.accounts[0].name === 'default') return {};
  const learnt = runtime.accounts.some((a) => !a.accountId) ? await runtime.store.getSyncStates() : [];
  const names: Record<string, string> = {};
  for (const a of runtime.accounts) {
    const id = a.accountId ?? learnt.find((s) => s.account === a.name && s.accountId)?.accountId;
    if (id) names[id] = a.name;
  }
  return names;
}
