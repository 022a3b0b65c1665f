'use client';

import { useState } from 'react';
import { RANGES } from '@/lib/filters/filter-keys';
import { formatInZone, fromZonedInput, shortDay, toZonedInput } from '@/lib/explorer/time-format';
import { useTimeZone } from '@/components/ui/time-zone';
import { Popover } from './popover';
import type { FilterUpdate } from './use-filter-params';

const PRESETS = Object.keys(RANGES) as (keyof typeof RANGES)[];

function short(iso: string, zone: string): string {
  const t = formatInZone(iso, zone);
  return `${shortDay(t)} ${t.time.slice(0, 5)}`;
}

/** Relative presets (range=…) or an absolute window (from/to, written as UTC instants). */
export function TimePicker({ range, from, to, onChange }: { range: string | null; from: string | null; to: string | null; onChange(u: FilterUpdate): void }) {
  const { zone } = useTimeZone();
  const zoneName = formatInZone(new Date(), zone).zone;
  const label = range
    ? `Last ${range}`
    : valid(from) || valid(to)
      ? `${valid(from) ? short(from!, zone) : '…'} – ${valid(to) ? short(to!, zone) : 'now'} ${zoneName}`
      : 'All time';
  return (
    <Popover label={label} active={Boolean(range || from || to)}>
      {/* Mounted on open, so the boxes start from what the URL says now. */}
      <TimeForm range={range} from={from} to={to} zone={zone} zoneName={zoneName} onChange={onChange} />
    </Popover>
  );
}

function valid(iso: string | null): string | null {
  return iso && !Number.isNaN(Date.parse(iso)) ? iso : null;
}

function TimeForm({ range, from, to, zone, zoneName, onChange }: { range: string | null; from: string | null; to: string | null; zone: string; zoneName: string; onChange(u: FilterUpdate): void }) {
  const [fromText, setFromText] = useState(valid(from) ? toZonedInput(from!, zone) : '');
  const [toText, setToText] = useState(valid(to) ? toZonedInput(to!, zone) : '');
  const fromAt = fromText ? fromZonedInput(fromText, zone) : null;
  const toAt = toText ? fromZonedInput(toText, zone) : null;
  const problem = fromAt && toAt && fromAt > toAt ? 'From must not be after To.' : null;
  return (
    <div className="time-picker">
      <div className="preset-row" role="group" aria-label="Relative time range">
        {PRESETS.map((p) => (
          <button key={p} type="button" className="chip-button" aria-pressed={range === p} onClick={() => onChange({ range: p, from: null, to: null })}>
            {p}
          </button>
        ))}
        <button type="button" className="chip-button" aria-pressed={!range && !from && !to} onClick={() => onChange({ range: null, from: null, to: null })}>
          All
        </button>
      </div>
      <form
        className="absolute-range"
        onSubmit={(e) => {
          e.preventDefault();
          if (problem || (!fromAt && !toAt)) return;
          onChange({ range: null, from: fromAt?.toISOString() ?? null, to: toAt?.toISOString() ?? null });
        }}
      >
        <label>
          From ({zoneName})
          <input className="input" type="datetime-local" value={fromText} onChange={(e) => setFromText(e.target.value)} />
        </label>
        <label>
          To ({zoneName})
          <input className="input" type="datetime-local" value={toText} onChange={(e) => setToText(e.target.value)} />
        </label>
        {problem && <span className="field-error">{problem}</span>}
        <button type="submit" className="button" disabled={Boolean(problem) || (!fromAt && !toAt)}>
          Apply
        </button>
      </form>
    </div>
  );
}
