'use client';

import { createContext, useContext, type ReactNode } from 'react';

// Accounts by their configured names (PACKTRAIL_ACCOUNTS) everywhere an id would show; the id is
// one hover away. Without configured names, ids show as they are.

const Names = createContext<Record<string, string>>({});

export function AccountNamesProvider({ names, children }: { names: Record<string, string>; children: ReactNode }) {
  return <Names.Provider value={names}>{children}</Names.Provider>;
}

export function useAccountNames(): Record<string, string> {
  return useContext(Names);
}

export function AccountName({ id, className }: { id: string; className?: string }) {
  const name = useContext(Names)[id];
  if (!name) return <span className={['mono', className].filter(Boolean).join(' ')}>{id}</span>;
  return (
    <span className={className} title={`AWS account ${id}`}>
      {name}
    </span>
  );
}
