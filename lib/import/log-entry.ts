import type { Readable } from 'node:stream';

// What a source (a local tree or an S3 prefix) hands the importer: names first, bytes on demand,
// so a listing of a large tree costs names only.

export type LogEntry =
  /** `path` is set for a local file, which the parser thread then reads itself. */
  | { kind: 'log'; name: string; gzipped: boolean; open(): Promise<Readable>; path?: string }
  /** Not a trail log file (digests, Insights, other names): counted, never read. */
  | { kind: 'skip'; name: string }
  /** Could not even be listed or opened (a directory without permission, a missing path). */
  | { kind: 'unreadable'; name: string; reason: string };

/**
 * CloudTrail delivers `…_CloudTrail_<region>_<time>_<id>.json.gz`; digests and Insights events sit
 * beside them with `.json.gz` names too, and must not be read as API calls.
 */
export function isDigestOrInsight(name: string): boolean {
  return /(^|\/)CloudTrail-(Digest|Insight)(\/|$)|_CloudTrail-(Digest|Insight)_/.test(name);
}

export function isLogFileName(name: string): boolean {
  return !isDigestOrInsight(name) && /\.json(\.gz)?$/i.test(name);
}

export function isGzipName(name: string): boolean {
  return /\.gz$/i.test(name);
}
