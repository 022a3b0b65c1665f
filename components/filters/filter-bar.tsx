'use client';

import type { FilterOptions } from '@/lib/store/types';
import { OpName } from '@/components/ui/op-name';
import { IdentityBadge } from '@/components/ui/identity-badge';
import { FilterChips } from './filter-chips';
import { IpFilter } from './ip-filter';
import { MoreFilters } from './more-filters';
import { MultiSelect } from './multi-select';
import { ShareExport } from './share-export';
import { SingleSelect } from './single-select';
import { TextFilter } from './text-filter';
import { TimePicker } from './time-picker';
import { useFilterParams } from './use-filter-params';
import { AccountPicker, useSeveralAccounts } from './account-picker';

export const SEARCH_INPUT_ID = 'filter-q';
/** Fired when ArrowDown leaves the search box, so the table takes the keyboard. */
export const FOCUS_TABLE_EVENT = 'packtrail:focus-table';

/** Every SPEC filter as a control; each writes the URL, which is the only state. */
export function FilterBar({ options }: { options: FilterOptions }) {
  const { params, update, pending } = useFilterParams();
  const several = useSeveralAccounts();
  return (
    <section className="filter-bar" aria-label="Filters" aria-busy={pending}>
      <div className="filter-row">
        <TimePicker range={params.range} from={params.from} to={params.to} onChange={update} />
        <MultiSelect
          label="Operation"
          options={options.ops.map((value) => ({ value }))}
          selected={params.op}
          excluded={params.notOp}
          onChange={(op, notOp) => update({ op, notOp })}
          render={(op) => <OpName op={op} />}
        />
        <SingleSelect
          label="Principal"
          anyLabel="Any principal"
          options={options.principals.map((p) => ({ value: p.principal, hint: <IdentityBadge type={p.type} short /> }))}
          value={params.user}
          excluded={params.notUser}
          onChange={(user, notUser) => update({ user, notUser })}
        />
        <IpFilter ip={params.ip} notIp={params.notIp} onChange={update} />
        {several && <AccountPicker accounts={options.accounts} selected={params.account} onChange={(account) => update({ account })} />}
        <MultiSelect label="Region" options={options.regions.map((value) => ({ value }))} selected={params.region} onChange={(region) => update({ region })} />
        <select className="control" aria-label="Result" value={params.error ?? ''} onChange={(e) => update({ error: e.target.value })}>
          <option value="">Any result</option>
          <option value="any">Failed calls</option>
          <option value="none">Succeeded calls</option>
          {[...new Set([...(params.error && !['any', 'none'].includes(params.error) ? [params.error] : []), ...options.errorCodes])].map((code) => (
            <option key={code} value={code}>
              Error {code}
            </option>
          ))}
        </select>
        <MoreFilters options={options} params={params} update={update} />
        <TextFilter
          id={SEARCH_INPUT_ID}
          label="Search"
          placeholder="Search  (press /)"
          value={params.q}
          onApply={(q) => update({ q })}
          width={200}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              e.currentTarget.blur();
              window.dispatchEvent(new Event(FOCUS_TABLE_EVENT));
            } else if (e.key === 'Escape') e.currentTarget.blur();
          }}
        />
        {pending && <span className="muted loading">Loading…</span>}
      </div>
      <div className="filter-row filter-row-2">
        <FilterChips />
        <ShareExport />
      </div>
    </section>
  );
}
