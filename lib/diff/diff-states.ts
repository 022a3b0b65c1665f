import { create, type Delta } from 'jsondiffpatch';
import { securityTagOf, type SecurityTag } from './security';

// Two states of one resource as a flat list of changed paths. jsondiffpatch computes the delta;
// this module only reads it out: nested objects become dotted paths, array items that came or went
// are listed under the array's path (`whitelist + 198.51.100.0/24`), and changes inside an array
// element keep its index (`hlsIngest.ingestEndpoints[1].username`).

export type ChangeKind = 'added' | 'removed' | 'changed' | 'masked';

export interface Change {
  /** Display path: `hlsPackage.segmentDurationSeconds`, `whitelist`, `ingestEndpoints[0].password`. */
  path: string;
  kind: ChangeKind;
  before?: unknown;
  after?: unknown;
  security: SecurityTag | null;
}

/**
 * Fields every write changes by itself: listing them would bury the real change on each update.
 * `url` and `createdAt` are kept on purpose: they are stable within a resource's life, so a change
 * there means something (a re-created endpoint, a moved manifest that players must follow).
 */
export const VOLATILE_FIELDS = new Set(['ModifiedAt', 'modifiedAt', 'ETag', 'Etag', 'eTag', 'etag', 'LastModifiedTime']);

/** CloudTrail masks secrets with asterisks; a masked value says nothing about the real one. */
export function isMasked(value: unknown): boolean {
  return typeof value === 'string' && /^\*+$/.test(value);
}

// Array elements are matched by their id so that an edited ingest endpoint or manifest shows as
// changed fields rather than as one removed and one added element; without an id, by position.
const ID_KEYS = ['id', 'Id', 'ManifestName', 'manifestName', 'Sid', 'Name', 'name'];
const differ = create({
  objectHash: (item: object, index?: number) => {
    const o = item as Record<string, unknown>;
    for (const k of ID_KEYS) if (typeof o[k] === 'string' || typeof o[k] === 'number') return `${k}:${String(o[k])}`;
    return `#${index ?? ''}`;
  },
  arrays: { detectMove: true, includeValueOnMove: false },
  propertyFilter: (name: string) => !VOLATILE_FIELDS.has(name),
});

type Segment = string | number;
type Obj = Record<string, unknown>;

const isPlainObject = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

function formatPath(path: Segment[]): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

/** `quiet`: an empty container coming or going (`egressAccessLogs: {}`) is listed but not flagged. */
function push(out: Change[], path: Segment[], kind: ChangeKind, values: { before?: unknown; after?: unknown }, quiet = false): void {
  out.push({ path: formatPath(path), kind, ...values, security: quiet ? null : securityTagOf(path) });
}

/**
 * An added or removed value: objects open up into their leaves, arrays into their items. Empty
 * containers inside such a value are left out: `periodTriggers: []` says nothing when a whole
 * endpoint comes or goes.
 */
function spread(out: Change[], path: Segment[], kind: 'added' | 'removed', value: unknown, nested = false): void {
  const empty = (isPlainObject(value) && Object.keys(value).length === 0) || (Array.isArray(value) && value.length === 0);
  if (empty && nested) return;
  if (isPlainObject(value) && !empty) {
    for (const [k, v] of Object.entries(value)) if (!VOLATILE_FIELDS.has(k)) spread(out, [...path, k], kind, v, true);
    return;
  }
  if (Array.isArray(value) && !empty) {
    value.forEach((item, i) => arrayItem(out, path, i, kind, item));
    return;
  }
  push(out, path, kind, kind === 'added' ? { after: value } : { before: value }, empty);
}

/** An array item that came or went: a plain value under the array's path, an object opened up at its index. */
function arrayItem(out: Change[], path: Segment[], index: number, kind: 'added' | 'removed', value: unknown): void {
  if (isPlainObject(value) && Object.keys(value).length > 0) spread(out, [...path, index], kind, value, true);
  else push(out, path, kind, kind === 'added' ? { after: value } : { before: value });
}

function walk(out: Change[], delta: Delta, path: Segment[]): void {
  if (delta === undefined) return;
  if (Array.isArray(delta)) {
    if (delta.length === 1) return spread(out, path, 'added', delta[0]);
    if (delta.length === 2) {
      const [before, after] = delta;
      if (isMasked(before) || isMasked(after)) return push(out, path, 'masked', {});
      return push(out, path, 'changed', { before, after });
    }
    if (delta[2] === 0) return spread(out, path, 'removed', delta[0]);
    return; // 3 = moved within its array: order carries no meaning in MediaPackage settings.
  }
  const d = delta as Record<string, Delta>;
  const isArray = (d as { _t?: unknown })._t === 'a';
  for (const key of Object.keys(d)) {
    if (isArray && key === '_t') continue;
    const sub = d[key];
    if (isArray && key.startsWith('_')) {
      // `_n`: item n of the old array was removed, or moved (a trailing 3), which is not a change.
      if (Array.isArray(sub) && sub[2] === 0) arrayItem(out, path, Number(key.slice(1)), 'removed', sub[0]);
    } else if (isArray && Array.isArray(sub) && sub.length === 1) {
      arrayItem(out, path, Number(key), 'added', sub[0]);
    } else {
      walk(out, sub, [...path, isArray ? Number(key) : key]);
    }
  }
}

/** The changes from `before` to `after` (either may be null: a creation or a deletion). */
export function diffStates(before: unknown, after: unknown): Change[] {
  const out: Change[] = [];
  walk(out, differ.diff(before ?? {}, after ?? {}), []);
  return out;
}
