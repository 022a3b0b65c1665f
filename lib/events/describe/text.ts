// Values from a record are untrusted text: a hostile or damaged record must not be able to break a
// sentence's layout (control characters, bidi overrides), smuggle in another line, or make it huge.

/** Longest value (in code points) a sentence repeats from a record before cutting it with an ellipsis. */
export const MAX_VALUE_LENGTH = 80;

// A value longer than this is cut before cleaning, so a 1 MB session name costs the same as a short one.
const SCAN_LIMIT = 2048;

type Obj = Record<string, unknown>;

export function asObject(v: unknown): Obj | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined;
}

/** Reads `obj[key]`, tolerating records whose fields have the wrong type. */
export function field(obj: unknown, key: string): unknown {
  const o = asObject(obj);
  return o ? o[key] : undefined;
}

/** True for characters a sentence must not carry: C0/C1 controls, zero-width and bidi formatting, separators. */
function isInvisible(c: number): boolean {
  return (
    c < 0x20 ||
    (c >= 0x7f && c <= 0x9f) ||
    (c >= 0x200b && c <= 0x200f) ||
    (c >= 0x2028 && c <= 0x202e) ||
    (c >= 0x2060 && c <= 0x206f) ||
    c === 0xfeff
  );
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x205f || c === 0x3000;
}

/** The common case — short printable ASCII without spaces — needs no copy. */
function isPlain(s: string, max: number): boolean {
  if (s.length === 0 || s.length > max) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c <= 0x20 || c >= 0x7f) return false;
  }
  return true;
}

/**
 * A record value as text fit for a sentence: controls and formatting characters become spaces,
 * whitespace runs collapse, lone surrogates go, and anything over `max` code points ends in "…".
 * Numbers are shown as numbers; any other non-string is no value at all ('').
 */
export function clean(value: unknown, max: number = MAX_VALUE_LENGTH): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value !== 'string') return '';
  if (isPlain(value, max)) return value;
  const end = Math.min(value.length, SCAN_LIMIT);
  let out = '';
  let points = 0;
  let pendingSpace = false;
  for (let i = 0; i < end; i++) {
    const c = value.charCodeAt(i);
    if (isInvisible(c) || isSpace(c)) {
      pendingSpace = out !== '';
      continue;
    }
    let ch: string;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = i + 1 < value.length ? value.charCodeAt(i + 1) : 0;
      if (next < 0xdc00 || next > 0xdfff) continue;
      ch = value.slice(i, i + 2);
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      continue;
    } else {
      ch = value[i];
    }
    if (points + (pendingSpace ? 1 : 0) >= max) return `${out}…`;
    if (pendingSpace) {
      out += ' ';
      points++;
      pendingSpace = false;
    }
    out += ch;
    points++;
  }
  return end < value.length && out !== '' ? `${out}…` : out;
}

/** The first of `keys` on `obj` that holds a usable string, cleaned. */
export function cleanField(obj: unknown, ...keys: string[]): string {
  const o = asObject(obj);
  if (!o) return '';
  for (const k of keys) {
    const v = clean(o[k]);
    if (v) return v;
  }
  return '';
}

/** "arn:aws:…:saml-provider/Okta" → "Okta": the readable tail of an ARN-like value. */
export function arnTail(value: string): string {
  let cut = -1;
  for (let i = value.length - 1; i >= 0; i--) {
    const c = value.charCodeAt(i);
    if (c === 0x2f || c === 0x3a) {
      cut = i;
      break;
    }
  }
  return cut >= 0 ? value.slice(cut + 1) : value;
}

export function isArnLike(value: string): boolean {
  return value.length > 4 && (value.charCodeAt(0) | 0x20) === 0x61 && (value.charCodeAt(1) | 0x20) === 0x72 && (value.charCodeAt(2) | 0x20) === 0x6e && value.charCodeAt(3) === 0x3a;
}

export function capitalize(s: string): string {
  return s === '' ? s : s[0].toUpperCase() + s.slice(1);
}
