// Operation families and their colours (UI.md), the same everywhere: chart, badges, diff.

import { opFamily, type OpFamily } from '@/lib/events/op-family';

export { opFamily, type OpFamily } from '@/lib/events/op-family';

/** Hex, because SVG fills do not all resolve CSS variables; the same values as globals.css. */
export const FAMILY_COLOR: Record<OpFamily, string> = {
  create: '#1a7f37',
  update: '#0969da',
  other: '#0969da', // a change with an unusual verb is still a change
  delete: '#cf222e',
  rotate: '#9a6700',
  tag: '#8250df',
  read: '#8c959f',
};

/** Lighter and darker steps of each family, so two stacked operations of one family stay apart. */
const SHADES: Record<OpFamily, string[]> = {
  create: ['#1a7f37', '#4ac26b', '#116329'],
  update: ['#0969da', '#54aeff', '#0550ae'],
  other: ['#0969da', '#54aeff', '#0550ae'],
  delete: ['#cf222e', '#ff8182', '#a40e26'],
  rotate: ['#9a6700', '#d4a72c', '#7d4e00'],
  tag: ['#8250df', '#c297ff', '#6639ba'],
  read: ['#8c959f', '#c5ccd3', '#6e7781', '#afb8c1', '#57606a', '#d8dee4'],
};

export const OTHER_COLOR = '#e6eaef';
/** Changes outside the top operations: teal, a hue no family uses, so they never vanish into grey. */
export const OTHER_CHANGES_COLOR = '#1b7c83';
export const ERROR_COLOR = '#cf222e';

/** A colour per stacked key: its family's hue, a different step for each further key of that family. */
export function stackColors(keys: string[], fixed: Record<string, string> = {}): Record<string, string> {
  const used: Partial<Record<OpFamily, number>> = {};
  const out: Record<string, string> = {};
  for (const key of keys) {
    if (fixed[key]) {
      out[key] = fixed[key];
      continue;
    }
    const family = opFamily(key);
    const n = used[family] ?? 0;
    used[family] = n + 1;
    out[key] = SHADES[family][n % SHADES[family].length];
  }
  return out;
}

export const FAMILY_ORDER: OpFamily[] = ['create', 'update', 'other', 'delete', 'rotate', 'tag', 'read'];
