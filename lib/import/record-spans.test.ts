import { describe, expect, it } from 'vitest';
import { recordSpans } from './record-spans';

const slices = (text: string): string[] | null => {
  const bytes = Buffer.from(text, 'utf8');
  const spans = recordSpans(bytes)?.spans;
  if (!spans) return null;
  const out: string[] = [];
  for (let i = 0; i < spans.length; i += 2) out.push(bytes.subarray(spans[i], spans[i + 1]).toString('utf8'));
  return out;
};

describe('recordSpans', () => {
  it('finds each record of a compact file, whatever its strings hold', () => {
    const records = [
      { eventID: 'a', requestParameters: { description: 'braces } { ] [ and "quotes" and a \\ backslash\\' } },
      { eventID: 'b', userAgent: 'zoë 📺 — ünïcode', nested: [{ Records: [1, 2] }, []], n: -1.5e3, ok: true, none: null },
      { eventID: 'c', tricky: '\\"', tail: '\\\\' },
    ];
    const text = JSON.stringify({ Records: records });
    expect(slices(text)).toEqual(records.map((r) => JSON.stringify(r)));
  });

  it('keeps a record byte for byte where re-serialising would change it', () => {
    const text = '{"Records":[{"eventID":"a","userAgent":"caf\\u00e9","n":1.0}, {"eventID":"b"}\n]}';
    expect(slices(text)).toEqual(['{"eventID":"a","userAgent":"caf\\u00e9","n":1.0}', '{"eventID":"b"}']);
  });

  it('reads the Records key wherever it is in the file, and the last one if repeated', () => {
    expect(slices('{"other":[{"x":1}],"Records":[{"eventID":"a"}],"Records2":[{"y":2}]}')).toEqual(['{"eventID":"a"}']);
    expect(slices('{"Records":[{"eventID":"a"}],"Records":[{"eventID":"b"},{"eventID":"c"}]}')).toEqual(['{"eventID":"b"}', '{"eventID":"c"}']);
    expect(slices('{"Records":[]}')).toEqual([]);
  });

  it('gives up on shapes it cannot slice exactly, so the caller re-serialises', () => {
    expect(slices(JSON.stringify({ Records: [{ eventID: 'a' }] }, null, 2))).toBeNull(); // hand-formatted
    expect(slices('{"Records":[{"eventID":"a"},null]}')).toBeNull(); // a record that is not an object
    expect(slices('{"Records":[{"eventID":"a"}')).toBeNull(); // truncated
    expect(slices('{"Records":[{"eventID":"a}]}')).toBeNull(); // unterminated string
    expect(slices('{"Records":[{"eventID":"a"}]}}')).toBeNull(); // unbalanced
  });

  it("finds each record's own eventSource value, not one nested deeper, the last when repeated", () => {
    const records = [
      { eventSource: 'mediapackage.amazonaws.com', eventID: 'a' },
      { eventID: 'b', requestParameters: { eventSource: 'mediapackage.amazonaws.com' }, eventSource: 's3.amazonaws.com' },
      { eventID: 'c', lookupAttributes: [{ AttributeKey: 'EventSource', AttributeValue: 'mediapackage.amazonaws.com' }] },
      { eventID: 'd', eventSource: { nested: 'mediapackage.amazonaws.com' } },
    ];
    const text = `${JSON.stringify({ Records: records }).slice(0, -2)},{"eventSource":"mediapackage.amazonaws.com","eventSource":7}]}`;
    const bytes = Buffer.from(text, 'utf8');
    const scan = recordSpans(bytes)!;
    const values = [];
    for (let i = 0; i < scan.sources.length; i += 2) values.push(scan.sources[i] < 0 ? null : bytes.toString('utf8', scan.sources[i], scan.sources[i + 1]));
    expect(values).toEqual(['mediapackage.amazonaws.com', 's3.amazonaws.com', null, null, null]);
  });
});
