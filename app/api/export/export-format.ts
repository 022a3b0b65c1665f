import { stringify } from 'csv-stringify/sync';
import type { EventSummary } from '@/lib/events/types';

// How an exported event is written. CSV cells a spreadsheet would run as a formula (= + - @, tab,
// CR, and their full-width forms) get a leading ' — csv-stringify's escape_formulas — because
// user agents, descriptions and session names are typed by whoever called AWS.

export const CSV_COLUMNS = [
  'eventTime', 'eventName', 'eventSource', 'region', 'accountId', 'principal', 'principalType', 'sourceIp',
  'userAgent', 'readOnly', 'errorCode', 'errorMessage', 'resources', 'eventId', 'description',
] as const;

export const FORMATS = {
  csv: { contentType: 'text/csv; charset=utf-8', extension: 'csv' },
  ndjson: { contentType: 'application/x-ndjson; charset=utf-8', extension: 'ndjson' },
} as const;
export type ExportFormat = keyof typeof FORMATS;

function csvRow(e: EventSummary): string[] {
  return [
    e.eventTime, e.eventName, e.eventSource, e.region, e.accountId, e.principal, e.principalType, e.sourceIp,
    e.userAgent, String(e.readOnly), e.errorCode ?? '', e.errorMessage ?? '',
    // The id a user chose; type and ARN stay in NDJSON, where structure survives.
    e.resources.map((r) => r.id).join(' '),
    e.eventId,
    e.description,
  ];
}

/** CSV text for a batch of events; the header comes with the first batch only. */
export function toCsv(events: EventSummary[], withHeader: boolean): string {
  return stringify(events.map(csvRow), { header: withHeader, columns: [...CSV_COLUMNS], escape_formulas: true, record_delimiter: 'windows' });
}

export function toNdjson(events: EventSummary[]): string {
  return events.map((e) => `${JSON.stringify(e)}\n`).join('');
}

/** `packtrail-events-2026-11-25.csv`, dated in UTC. */
export function exportFilename(format: ExportFormat, now: Date): string {
  return `packtrail-events-${now.toISOString().slice(0, 10)}.${FORMATS[format].extension}`;
}
