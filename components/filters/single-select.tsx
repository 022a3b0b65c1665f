'use client';

import { useState, type ReactNode } from 'react';
import { ExcludeToggle } from './exclude-toggle';
import type { Option } from './multi-select';
import { Popover } from './popover';

/**
 * One value from a list, in a popover with a narrowing box: a real account has hundreds of
 * principals, too many for a native select. A value from a link that is not in `options` stays
 * listed. With `excluded`, any number of rows can be left out instead (the monitoring role that
 * polls all day); choosing a value and leaving it out are exclusive.
 */
export function SingleSelect({ label, anyLabel, options, value, excluded, onChange, render }: {
  label: string;
  anyLabel: string;
  options: Option[];
  value: string | null;
  excluded?: string[];
  onChange(value: string | null, excluded: string[]): void;
  render?(value: string): ReactNode;
}) {
  const [narrow, setNarrow] = useState('');
  const out = excluded ?? [];
  const fromLink = [...(value ? [value] : []), ...out].filter((s, i, list) => list.indexOf(s) === i && !options.some((o) => o.value === s));
  const all: Option[] = [...fromLink.map((v) => ({ value: v })), ...options];
  const shown = narrow ? all.filter((o) => o.value.toLowerCase().includes(narrow.toLowerCase())) : all;
  const choose = (v: string | null) => onChange(v, out.filter((x) => x !== v));
  const toggleOut = (v: string) => onChange(value === v ? null : value, out.includes(v) ? out.filter((x) => x !== v) : [...out, v]);
  const parts = [value ?? '', out.length ? `not ${out.length === 1 ? out[0] : out.length}` : ''].filter(Boolean);
  return (
    <Popover label={parts.length ? `${label}: ${parts.join(', ')}` : label} active={parts.length > 0}>
      <fieldset className="checklist">
        <legend className="sr-only">{label}</legend>
        <input className="input narrow" type="search" placeholder={`Find ${label.toLowerCase()}…`} aria-label={`Find ${label.toLowerCase()}`} value={narrow} onChange={(e) => setNarrow(e.target.value)} />
        <div className="checklist-items">
          <label className="check">
            <input type="radio" name={`single-${label}`} checked={!value} onChange={() => choose(null)} />
            <span className="check-label muted">{anyLabel}</span>
          </label>
          {shown.map((o) => (
            <div key={o.value} className={`check-row${out.includes(o.value) ? ' check-excluded' : ''}`}>
              <label className="check">
                <input type="radio" name={`single-${label}`} checked={value === o.value} onChange={() => choose(o.value)} />
                <span className="check-label">{render ? render(o.value) : o.value}</span>
                {o.hint && <span className="check-hint">{o.hint}</span>}
              </label>
              {excluded && <ExcludeToggle value={o.value} pressed={out.includes(o.value)} onToggle={() => toggleOut(o.value)} />}
            </div>
          ))}
          {shown.length === 0 && <p className="muted">Nothing matches.</p>}
        </div>
        {out.length > 0 && (
          <button type="button" className="link-button" onClick={() => onChange(value, [])}>
            Include every {label.toLowerCase()} again
          </button>
        )}
      </fieldset>
    </Popover>
  );
}
