'use client';

import { useState, type ReactNode } from 'react';
import { Popover } from './popover';

export interface Option {
  value: string;
  hint?: ReactNode;
}

/** A list of checkboxes in a popover; long lists get a narrowing box. Values outside `options` (from a link) stay listed. */
export function MultiSelect({ label, options, selected, onChange, render }: {
  label: string;
  options: Option[];
  selected: string[];
  onChange(values: string[]): void;
  render?(value: string): ReactNode;
}) {
  const [narrow, setNarrow] = useState('');
  const all: Option[] = [...selected.filter((s) => !options.some((o) => o.value === s)).map((value) => ({ value })), ...options];
  const shown = narrow ? all.filter((o) => o.value.toLowerCase().includes(narrow.toLowerCase())) : all;
  const toggle = (value: string) => onChange(selected.includes(value) ? selected.filter((v) => v !== value) : [...selected, value]);
  const summary = selected.length === 0 ? label : selected.length === 1 ? `${label}: ${selected[0]}` : `${label}: ${selected.length}`;
  return (
    <Popover label={summary} active={selected.length > 0}>
      <fieldset className="checklist">
        <legend className="sr-only">{label}</legend>
        {all.length > 8 && (
          <input className="input narrow" type="search" placeholder={`Find ${label.toLowerCase()}…`} aria-label={`Find ${label.toLowerCase()}`} value={narrow} onChange={(e) => setNarrow(e.target.value)} />
        )}
        <div className="checklist-items">
          {shown.map((o) => (
            <label key={o.value} className="check">
              <input type="checkbox" checked={selected.includes(o.value)} onChange={() => toggle(o.value)} />
              <span className="check-label">{render ? render(o.value) : o.value}</span>
              {o.hint && <span className="check-hint">{o.hint}</span>}
            </label>
          ))}
          {shown.length === 0 && <p className="muted">Nothing matches.</p>}
        </div>
        {selected.length > 0 && (
          <button type="button" className="link-button" onClick={() => onChange([])}>
            Clear {label.toLowerCase()}
          </button>
        )}
      </fieldset>
    </Popover>
  );
}
