'use client';

import { parseAsNativeArrayOf, parseAsString, useQueryStates } from 'nuqs';
import { useTransition } from 'react';

// The filters as URL state for the client controls. The server validates everything with the
// shared parser (lib/filters); here values are only carried, never interpreted. Every change is
// a history entry (back/forward work) and a server render (shallow: false), and since the table's
// loaded pages are keyed by the query, any change starts paging over.

const list = parseAsNativeArrayOf(parseAsString);

export const filterParsers = {
  op: list,
  source: list,
  region: list,
  account: list,
  ip: list,
  notIp: list,
  notOp: list,
  notUser: list,
  user: parseAsString,
  resource: parseAsString,
  from: parseAsString,
  to: parseAsString,
  range: parseAsString,
  readOnly: parseAsString,
  error: parseAsString,
  q: parseAsString,
  sort: parseAsString,
};

export type FilterKey = keyof typeof filterParsers;
type ListKey = 'op' | 'source' | 'region' | 'account' | 'ip' | 'notIp' | 'notOp' | 'notUser';
export type FilterUpdate = Partial<{ [K in FilterKey]: K extends ListKey ? string[] | null : string | null }>;

/** Repeatable values may also arrive as comma lists (`op=A,B`); controls see single values. */
export function splitList(values: string[]): string[] {
  return values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
}

export function useFilterParams() {
  const [pending, startTransition] = useTransition();
  const [params, setParams] = useQueryStates(filterParsers, { shallow: false, history: 'push', startTransition, scroll: false });
  const update = (changes: FilterUpdate) => {
    const next: FilterUpdate = { ...changes };
    // An empty text box or list removes the parameter rather than leaving `q=` behind.
    for (const [k, v] of Object.entries(next)) {
      if (v === '' || (Array.isArray(v) && v.length === 0)) (next as Record<string, unknown>)[k] = null;
    }
    return setParams(next);
  };
  return {
    params: {
      ...params,
      op: splitList(params.op),
      source: splitList(params.source),
      region: splitList(params.region),
      account: splitList(params.account),
      ip: splitList(params.ip),
      notIp: splitList(params.notIp),
      notOp: splitList(params.notOp),
      // Principal names may contain commas: never split.
      notUser: params.notUser.filter((u) => u.trim() !== ''),
    },
    update,
    pending,
  };
}
