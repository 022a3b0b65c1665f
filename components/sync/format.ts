// Small formatters for the sync page: durations, rates and ages read at a glance.

// A number and its unit never part at a line end.
const NB = '\u00a0';

/** `45 s`, `3 min 20 s`, `2 h 5 min`, `3 d 4 h`: two units at most, enough to plan around. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}${NB}s`;
  const units: [number, string][] = [
    [86_400, 'd'],
    [3_600, 'h'],
    [60, 'min'],
    [1, 's'],
  ];
  const i = units.findIndex(([size]) => s >= size);
  const [big, bigName] = units[i];
  const [small, smallName] = units[i + 1] ?? units[i];
  const rest = Math.floor((s % big) / small);
  return rest ? `${Math.floor(s / big)}${NB}${bigName} ${rest}${NB}${smallName}` : `${Math.floor(s / big)}${NB}${bigName}`;
}

/** "12 s ago", "3 h 5 min ago"; `now` is the render time, the page refreshes itself. */
export function ago(iso: string, now: number): string {
  const seconds = (now - Date.parse(iso)) / 1000;
  return seconds < 1 ? 'just now' : `${formatDuration(seconds)} ago`;
}

export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en');
}

/** The days an instant lies back from `now`, for "covers 90 days". */
export function daysBack(iso: string, now: number): number {
  return Math.round((now - Date.parse(iso)) / 86_400_000);
}
