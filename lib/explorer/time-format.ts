// Times in the viewer's zone with the zone written out (UI.md: `14:03:22 CET`), or in UTC.
// Formatters are cached per zone: building an Intl.DateTimeFormat costs more than using one,
// and a table formats thousands of times.

export type TimeMode = 'local' | 'utc';

const parts = new Map<string, Intl.DateTimeFormat>();
const names = new Map<string, Intl.DateTimeFormat[]>();

function partsFormat(zone: string): Intl.DateTimeFormat {
  let f = parts.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
    });
    parts.set(zone, f);
  }
  return f;
}

/** True when the runtime knows `zone` as an IANA time zone. */
export function isValidZone(zone: string | null | undefined): zone is string {
  if (!zone || zone.length > 64) return false;
  try {
    partsFormat(zone);
    return true;
  } catch {
    return false;
  }
}

export interface ZonedTime {
  date: string; // 2026-11-23
  time: string; // 14:03:22
  zone: string; // CET, EST, UTC, GMT+5:30
}

/** The zone's short name at that instant: `CET`/`CEST`, `EST`; en-US knows American names, en-GB European ones. */
export function zoneName(at: Date, zone: string): string {
  if (zone === 'UTC' || zone === 'Etc/UTC') return 'UTC';
  let formats = names.get(zone);
  if (!formats) {
    formats = ['en-US', 'en-GB'].map((locale) => new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: 'short' }));
    names.set(zone, formats);
  }
  let fallback = '';
  for (const f of formats) {
    const name = f.formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? '';
    if (name && !/^(GMT|UTC)[+-−]/.test(name)) return name;
    fallback ||= name;
  }
  return fallback || zone;
}

export function formatInZone(iso: string | number | Date, zone: string): ZonedTime {
  const at = iso instanceof Date ? iso : new Date(iso);
  if ((zone === 'UTC' || zone === 'Etc/UTC') && !Number.isNaN(at.getTime())) {
    // The server renders in UTC (it cannot know the viewer's zone), every row of every page: the ISO
    // form is the UTC wall time already, without Intl's formatToParts.
    const text = at.toISOString();
    if (text.length === 24 && text[0] !== '0') return { date: text.slice(0, 10), time: text.slice(11, 19), zone: 'UTC' };
  }
  const p: Record<string, string> = {};
  for (const part of partsFormat(zone).formatToParts(at)) p[part.type] = part.value;
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}:${p.second}`, zone: zoneName(at, zone) };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Nov 23`: unambiguous where `11-23` could be read either way round. */
export function shortDay(t: ZonedTime): string {
  return `${MONTHS[Number(t.date.slice(5, 7)) - 1]} ${t.date.slice(8)}`;
}

/** `2026-11-23 14:03:22 CET` */
export function formatFull(iso: string | number | Date, zone: string): string {
  const t = formatInZone(iso, zone);
  return `${t.date} ${t.time} ${t.zone}`;
}

const UNITS: [number, string][] = [
  [86_400_000, 'd'],
  [3_600_000, 'h'],
  [60_000, 'min'],
  [1000, 's'],
];

/** "3 min ago", "2 d ago": for tooltips only, never instead of the time. */
export function relativeAge(iso: string | number, now: number = Date.now()): string {
  const ms = now - new Date(iso).getTime();
  if (Math.abs(ms) < 1000) return 'just now';
  const [size, unit] = UNITS.find(([s]) => Math.abs(ms) >= s) ?? UNITS[UNITS.length - 1];
  const n = Math.floor(Math.abs(ms) / size);
  return ms >= 0 ? `${n} ${unit} ago` : `in ${n} ${unit}`;
}

/** A `datetime-local` value (`2026-11-23T14:03`) read in `zone`, as a UTC instant. */
export function fromZonedInput(value: string, zone: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!m) return null;
  const wall = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +(m[6] ?? 0));
  // The zone's offset at the guessed instant, applied twice to land right across DST changes.
  let guess = wall;
  for (let i = 0; i < 2; i++) {
    const shown = formatInZone(guess, zone);
    const shownWall = Date.parse(`${shown.date}T${shown.time}Z`);
    guess += wall - shownWall;
  }
  return new Date(guess);
}

/** The `datetime-local` value showing `iso` in `zone`. */
export function toZonedInput(iso: string | Date, zone: string): string {
  const t = formatInZone(iso, zone);
  return `${t.date}T${t.time.slice(0, 5)}`;
}
