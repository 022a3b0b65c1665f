'use client';

/** A row's "exclude" switch in a picker: pressed, the value is left out of the results. */
export function ExcludeToggle({ value, pressed, onToggle }: { value: string; pressed: boolean; onToggle(): void }) {
  return (
    <button type="button" className="exclude-toggle" aria-pressed={pressed} aria-label={`Exclude ${value}`} title={pressed ? `${value} is left out; press to include it again` : `Leave out ${value}`} onClick={onToggle}>
      {pressed ? 'excluded' : 'exclude'}
    </button>
  );
}
