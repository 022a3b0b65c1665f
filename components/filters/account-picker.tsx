'use client';

import { AccountName, useAccountNames } from '@/components/ui/account-name';
import { MultiSelect } from './multi-select';

/** Accounts by their configured names (the id beside each), narrowed by either. */
export function AccountPicker({ accounts, selected, onChange }: { accounts: string[]; selected: string[]; onChange(account: string[]): void }) {
  const names = useAccountNames();
  return (
    <MultiSelect
      label="Account"
      options={accounts.map((value) => ({ value, text: names[value], hint: names[value] ? <span className="mono">{value}</span> : undefined }))}
      selected={selected}
      onChange={(account) => onChange(account)}
      render={(value) => <AccountName id={value} />}
    />
  );
}

/** Several named accounts: the account is a first-class filter, in the bar rather than under More. */
export function useSeveralAccounts(): boolean {
  return Object.keys(useAccountNames()).length > 1;
}
