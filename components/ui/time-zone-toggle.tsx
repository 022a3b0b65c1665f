'use client';

import { useTimeZone } from './time-zone';

/** The header's UTC/local switch; the choice sticks (cookie) across pages and visits. */
export function TimeZoneToggle() {
  const { mode, setMode } = useTimeZone();
  return (
    <div className="segmented" role="group" aria-label="Show times in">
      <button type="button" aria-pressed={mode === 'utc'} onClick={() => setMode('utc')}>
        UTC
      </button>
      <button type="button" aria-pressed={mode === 'local'} onClick={() => setMode('local')}>
        Local
      </button>
    </div>
  );
}
