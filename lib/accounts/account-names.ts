import type { Store } from '@/lib/store/types';
import type { AccountConfig } from './accounts-config';

/**
 * Account id → configured name, for showing accounts by name (the id one hover away). A role's
 * account id is in its ARN; the credential chain's own is learnt from the events its sync read.
 * Empty when PACKTRAIL_ACCOUNTS is unset: a lone account is shown by its id, not as "default".
 */
export async function accountNames(runtime: { accounts: AccountConfig[]; config: { accounts: AccountConfig[] | null }; store: Store }): Promise<Record<string, string>> {
  if (!runtime.config.accounts) return {};
  const learnt = runtime.accounts.some((a) => !a.accountId) ? await runtime.store.getSyncStates() : [];
  const names: Record<string, string> = {};
  for (const a of runtime.accounts) {
    const id = a.accountId ?? learnt.find((s) => s.account === a.name && s.accountId)?.accountId;
    if (id) names[id] = a.name;
  }
  return names;
}
