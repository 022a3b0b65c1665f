import { COMMA_LISTS, FILTER_KEYS } from '@/lib/filters/filter-keys';

// The filter chips above the table: one per value in the URL, each removable on its own.
// Works on the raw query (not the parsed filter) so a chip shows exactly what the link says.

export interface Chip {
  key: string;
  value: string;
  label: string;
}

const LABELS: Record<string, string> = {
  op: 'op', ip: 'ip', user: 'user', source: 'source', region: 'region', account: 'account', resource: 'resource',
  from: 'from', to: 'to', range: 'last', readOnly: 'readOnly', error: 'error', q: 'search',
};
/** Exclusions read "ip not 203.0.113.0/24": the chip says what is left out. */
const EXCLUDES: Record<string, string> = { notIp: 'ip', notOp: 'op', notUser: 'user' };

function describe(key: string, value: string): string {
  if (key === 'readOnly') return value === 'true' ? 'reads only' : value === 'false' ? 'changes only' : `readOnly=${value}`;
  if (key === 'error') return value === 'any' ? 'failed calls' : value === 'none' ? 'succeeded calls' : `error=${value}`;
  if (key === 'range') return `last ${value}`;
  if (key in EXCLUDES) return `${EXCLUDES[key]} not ${value}`;
  return `${LABELS[key] ?? key}=${value}`;
}

export function chipsOf(params: URLSearchParams): Chip[] {
  const chips: Chip[] = [];
  for (const key of FILTER_KEYS) {
    for (const raw of params.getAll(key)) {
      // Repeatable filters may also come as comma lists (op=A,B); one chip per value.
      const values = COMMA_LISTS.has(key) ? raw.split(',') : [raw];
      for (const v of values.map((x) => x.trim()).filter(Boolean)) chips.push({ key, value: v, label: describe(key, v) });
    }
  }
  return chips;
}

/** The query without one chip's value (other values of a repeatable key stay). */
export function withoutChip(params: URLSearchParams, chip: Pick<Chip, 'key' | 'value'>): URLSearchParams {
  const out = new URLSearchParams();
  for (const [key, raw] of params) {
    if (key !== chip.key) {
      out.append(key, raw);
      continue;
    }
    if (!COMMA_LISTS.has(key)) {
      // A repeated exact value (notUser) is its own parameter: keep the others.
      if (raw.trim() !== chip.value) out.append(key, raw);
      continue;
    }
    const rest = raw.split(',').map((v) => v.trim()).filter((v) => v && v !== chip.value);
    if (rest.length) out.append(key, rest.join(','));
  }
  return out;
}
