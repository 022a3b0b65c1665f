'use client';

import type { FilterOptions } from '@/lib/store/types';
import { AccountPicker, useSeveralAccounts } from './account-picker';
import { MultiSelect } from './multi-select';
import { Popover } from './popover';
import { TextFilter } from './text-filter';
import type { FilterUpdate, useFilterParams } from './use-filter-params';

type Params = ReturnType<typeof useFilterParams>['params'];

/** The filters used less often: event source, account (when only one is read), reads/changes, resource. */
export function MoreFilters({ options, params, update }: { options: FilterOptions; params: Params; update(u: FilterUpdate): void }) {
  const several = useSeveralAccounts();
  const count = params.source.length + (several ? 0 : params.account.length) + (params.readOnly ? 1 : 0) + (params.resource ? 1 : 0);
  return (
    <Popover label={count ? `More: ${count}` : 'More'} active={count > 0}>
      <div className="more-filters">
        <label>
          Reads or changes
          <select className="control" value={params.readOnly ?? ''} onChange={(e) => update({ readOnly: e.target.value })}>
            <option value="">Reads and changes</option>
            <option value="false">Changes only</option>
            <option value="true">Reads only</option>
          </select>
        </label>
        <label>
          Resource (id or ARN)
          <TextFilter label="Resource" placeholder="sports-hd or arn:aws:mediapackage:…" value={params.resource} onApply={(resource) => update({ resource })} mono width={260} />
        </label>
        <div className="more-lists">
          <MultiSelect label="Event source" options={options.sources.map((value) => ({ value }))} selected={params.source} onChange={(source) => update({ source })} />
          {!several && <AccountPicker accounts={options.accounts} selected={params.account} onChange={(account) => update({ account })} />}
        </div>
      </div>
    </Popover>
  );
}
