'use client';

import { useState, type ReactNode } from 'react';
import { ExcludeToggle } from './exclude-toggle';
import { Popover } from './popover';

export interface Option {
  value: string;
  /** More text the narrowing box matches (an account's name beside its id). */
  text?: string;
  hint?: ReactNode;
}

/**
 * A list of checkboxes in a popover; long lists get a narrowing box. Values outside `options` (from
 * a link) stay listed. With `excluded`, each row can also be left out ("these, but not those"): a
 * value is in at most one of the two lists.
 */
export function MultiSelect({ label, options, selected, excluded, onChange, render }: {
  label: string;
  options: Option[];
  selected: string[];
  excluded?: string[];
  onChange(values: string[], excluded: string[]): void;
  render?(value: string): ReactNode;
}) {
  const [narrow, setNarrow] = useState('');
  const out = excluded ?? [];
  const fromLink = [...selected, ...out].filter((s, i, all) => all.indexOf(s) === i && !options.some((o) => o.value === s));
  const all: Option[] = [...fromLink.map((value) => ({ value })), ...options];
  const shown = narrow ? all.filter((o) => `${o.value} ${o.text ?? ''}`.toLowerCase().includes(narrow.toLowerCase())) : all;
  const toggle = (value: string) => onChange(selected.includes(value) ? selected.filter((v) => v !== value) : [...selected, value], out.filter((v) => v !== value));
  const toggleOut = (value: string) => onChange(selected.filter((v) => v !== value), out.includes(value) ? out.filter((v) => v !== value) : [...out, value]);
  const textOf = (v: string) => all.find((o) => o.value === v)?.text ?? v;
  const parts = [selected.length === 1 ? textOf(selected[0]) : selected.length ? String(selected.length) : '', out.length ? `not ${out.length === 1 ? textOf(out[0]) : out.length}` : ''].filter(Boolean);
  const summary = parts.length ? `${label}: ${parts.join(', ')}` : label;
  return (
    <Popover label={summary} active={parts.length > 0}>
      <fieldset className="checklist">
        <legend className="sr-only">{label}</legend>
        {all.length > 8 && (
          <input className="input narrow" type="search" placeholder={`Find ${label.toLowerCase()}…`} aria-label={`Find ${label.toLowerCase()}`} value={narrow} onChange={(e) => setNarrow(e.target.value)} />
        )}
        <div className="checklist-items">
          {shown.map((o) => (
            <div key={o.value} className={`check-row${out.includes(o.value) ? ' check-excluded' : ''}`}>
              <label className="check">
                <input type="checkbox" checked={selected.includes(o.value)} onChange={() => toggle(o.value)} />
                <span className="check-label">{render ? render(o.value) : o.value}</span>
                {o.hint && <span className="check-hint">{o.hint}</span>}
              </label>
              {excluded && <ExcludeToggle value={o.value} pressed={out.includes(o.value)} onToggle={() => toggleOut(o.value)} />}
            </div>
          ))}
          {shown.length === 0 && <p className="muted">Nothing matches.</p>}
        </div>
        {selected.length + out.length > 0 && (
          <button type="button" className="link-button" onClick={() => onChange([], [])}>
            Clear {label.toLowerCase()}
          </button>
        )}
      </fieldset>
    </Popover>
  );
}
