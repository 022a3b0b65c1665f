import { describe, expect, it } from 'vitest';
import type { EventSummary } from '@/lib/events/types';
import { CSV_COLUMNS, exportFilename, toCsv, toNdjson } from './export-format';
import { exportStream } from './export-stream';
import { parse as parseCsvText } from 'csv-parse/sync';

function summary(over: Partial<EventSummary> = {}): EventSummary {
  return {
    eventId: '0b7c4a57-1111-4a4a-9a9a-000000000001', eventTime: '2026-11-20T12:00:00.000Z', eventSource: 'mediapackage.amazonaws.com',
    eventName: 'UpdateChannel', region: 'us-west-2', accountId: '111122223333', readOnly: false, errorCode: null, errorMessage: null,
    sourceIp: '203.0.113.17', userAgent: 'aws-cli/2.15.0', principal: 'deploy-bot', principalType: 'IAMUser', principalArn: null,
    accessKeyId: null, resources: [{ type: 'AWS::MediaPackage::Channel', id: 'sports-hd', arn: null }],
    description: 'deploy-bot updated channel sports-hd in us-west-2 from 203.0.113.17 using the AWS CLI.', ...over,
  };
}

// csv-parse (the reading side of csv-stringify) checks the export as any spreadsheet tool would read it.
const parse = (csv: string): string[][] => parseCsvText(csv, { relax_column_count: false });

async function text(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

async function* iterate(events: EventSummary[]) {
  for (const e of events) yield e;
}

describe('CSV export', () => {
  it('writes the documented columns, header first', () => {
    const [header, row] = toCsv([summary()], true).trimEnd().split('\r\n');
    expect(header).toBe(CSV_COLUMNS.join(','));
    expect(row).toBe('2026-11-20T12:00:00.000Z,UpdateChannel,mediapackage.amazonaws.com,us-west-2,111122223333,deploy-bot,IAMUser,203.0.113.17,aws-cli/2.15.0,false,,,sports-hd,0b7c4a57-1111-4a4a-9a9a-000000000001,deploy-bot updated channel sports-hd in us-west-2 from 203.0.113.17 using the AWS CLI.');
    expect(toCsv([summary()], false).split('\r\n')[0]).toMatch(/^2026-11-20/);
  });

  it.each([
    ['=HYPERLINK("http://evil.example","x")'],
    ['+1+cmd|" /C calc"!A0'],
    ['-2+3'],
    ['@SUM(A1:A9)'],
    ['\t=1'],
    ['\r=1'],
    ['＝1'],
  ])('neutralises a cell a spreadsheet would evaluate: %j', (hostile) => {
    const csv = toCsv([summary({ userAgent: hostile, errorMessage: hostile, principal: hostile })], true);
    const [, row] = parse(csv) as string[][];
    for (const column of ['userAgent', 'errorMessage', 'principal'] as const) {
      expect(row[CSV_COLUMNS.indexOf(column)]).toBe(`'${hostile}`);
    }
  });

  it('quotes commas, quotes and newlines so a row stays a row', () => {
    const tricky = 'a,"b"\nc';
    const [, row] = parse(toCsv([summary({ errorMessage: tricky })], true)) as string[][];
    expect(row[CSV_COLUMNS.indexOf('errorMessage')]).toBe(tricky);
    expect(row).toHaveLength(CSV_COLUMNS.length);
  });

  it('leaves ordinary text alone, HTML included (a CSV is not rendered)', () => {
    const [, row] = parse(toCsv([summary({ userAgent: '<script>alert(1)</script> Mozilla/5.0' })], true)) as string[][];
    expect(row[CSV_COLUMNS.indexOf('userAgent')]).toBe('<script>alert(1)</script> Mozilla/5.0');
  });
});

describe('the export stream', () => {
  it('streams CSV in batches with one header, and NDJSON one event per line', async () => {
    const events = Array.from({ length: 1203 }, (_, i) => summary({ eventId: `id-${i}` }));
    const csv = parse(await text(exportStream(iterate(events), 'csv'))) as string[][];
    expect(csv).toHaveLength(1204);
    expect(csv.filter((r) => r[0] === 'eventTime')).toHaveLength(1);
    const lines = (await text(exportStream(iterate(events), 'ndjson'))).trimEnd().split('\n');
    expect(lines).toHaveLength(1203);
    expect(JSON.parse(lines[1202])).toEqual(events[1202]);
  });

  it('gives an empty CSV its header and an empty NDJSON nothing', async () => {
    expect(await text(exportStream(iterate([]), 'csv'))).toBe(`${CSV_COLUMNS.join(',')}\r\n`);
    expect(await text(exportStream(iterate([]), 'ndjson'))).toBe('');
  });

  it('names the file by date and format', () => {
    expect(exportFilename('csv', new Date('2026-11-25T23:59:00Z'))).toBe('packtrail-events-2026-11-25.csv');
    expect(exportFilename('ndjson', new Date('2026-11-25T23:59:00Z'))).toBe('packtrail-events-2026-11-25.ndjson');
  });
});

describe('NDJSON export', () => {
  it('writes each event as one JSON line', () => {
    expect(toNdjson([summary(), summary({ eventId: 'b' })]).split('\n')).toHaveLength(3);
  });
});
