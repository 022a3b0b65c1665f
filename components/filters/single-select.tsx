'use client';

import { useState, type ReactNode } from 'react';
import type { Option } from './multi-select';
import { Popover } from './popover';

/**
 * One value from a list, in a popover with a narrowing box: a real account has hundreds of
 * principals, too many for a native select. A value from a link that is not in `options` stays listed.
 */
export function SingleSelect({ label, anyLabel, options, value, onChange, render }: {
  label: string;
  anyLabel: string;
  options: Option[];
  value: string | null;
  onChange(value: string | null): void;
  render?(value: string): ReactNode;
}) {
  const [narrow, setNarrow] = useState('');
  const all: Option[] = value && !options.some((o) => o.value === value) ? [{ value }, ...options] : options;
  const shown = narrow ? all.filter((o) => o.value.toLowerCase().includes(narrow.toLowerCase())) : all;
  return (
    <Popover label={value ? `${label}: ${value}` : label} active={Boolean(value)}>
      <fieldset className="checklist">
        <legend className="sr-only">{label}</legend>
        <input className="input narrow" type="search" placeholder={`Find ${label.toLowerCase()}…`} aria-label={`Find ${label.toLowerCase()}`} value={narrow} onChange={(e) => setNarrow(e.target.value)} />
        <div className="checklist-items">
          <label className="check">
            <input type="radio" name={`single-${label}`} checked={!value} onChange={() => onChange(null)} />
            <span className="check-label muted">{anyLabel}</span>
          </label>
          {shown.map((o) => (
            <label key={o.value} className="check">
              <input type="radio" name={`single-${label}`} checked={value === o.value} onChange={() => onChange(o.value)} />
              <span className="check-label">{render ? render(o.value) : o.value}</span>
              {o.hint && <span className="check-hint">{o.hint}</span>}
            </label>
          ))}
          {shown.length === 0 && <p className="muted">Nothing matches.</p>}
        </div>
      </fieldset>
    </Popover>
  );
}
